/**
 * HTTP delivery shared by the {@code slack} and {@code webhook} notifiers: the JDK's {@link java.net.http.HttpClient}
 * and the reading of an answer into delivered, retry (with the receiver's {@code Retry-After}) or dead.
 */
package io.ppcanomaly.notify.http;
