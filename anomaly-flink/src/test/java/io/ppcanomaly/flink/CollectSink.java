package io.ppcanomaly.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A test sink gathering what reaches it into a JVM-wide list per name (the MiniCluster runs in the test's JVM).
 * At-least-once: after a restart it sees the replayed records again, which is what the exactly-once test must
 * not rely on (it reads the committed files and the store instead).
 */
final class CollectSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, ConcurrentLinkedQueue<Object>> GATHERED = new ConcurrentHashMap<>();
    private final String name;

    CollectSink(String name) {
        this.name = name;
        GATHERED.put(name, new ConcurrentLinkedQueue<>());
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> gathered(String name) {
        return new ArrayList<>((ConcurrentLinkedQueue<T>) (ConcurrentLinkedQueue<?>) GATHERED.get(name));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        ConcurrentLinkedQueue<Object> q = GATHERED.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                q.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
