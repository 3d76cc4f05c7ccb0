/**
 * Persistence of a fitted model: {@link io.ppcanomaly.lstm.state.LstmModelCodec} writes the
 * {@link io.ppcanomaly.api.spi.ModelStreams} header, our metadata and weight block, DL4J's model zip and a
 * CRC-32, and reads them back with clear messages for foreign, truncated and corrupt streams.
 */
package io.ppcanomaly.lstm.state;
