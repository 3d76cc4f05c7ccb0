/**
 * Evaluation on labelled data: {@link io.ppcanomaly.api.eval.RocAuc} and the ADBench/ODDS table reader
 * {@link io.ppcanomaly.api.eval.LabelledTable}, shared by every module's accuracy tests and the benchmark runs.
 */
package io.ppcanomaly.api.eval;
