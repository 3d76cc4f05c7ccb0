/**
 * Splitting a parent's change among its children: {@link io.ppcanomaly.rootcause.decompose.Snapshot} (an
 * entity's metrics before and during a change), {@link io.ppcanomaly.rootcause.decompose.Signal} (an additive
 * volume or a ratio KPI, with its numerator and denominator) and
 * {@link io.ppcanomaly.rootcause.decompose.Adtributor} (explanatory power and surprise, Bhagwan et al.,
 * NSDI 2014).
 *
 * <pre>{@code
 * Snapshot adGroup = ..., keyword = ...;
 * double ep = Signal.CPC.explanatoryPower(keyword, adGroup);  // ~1: this keyword's CPC explains the rise
 * double s = Signal.CPC.surprise(keyword, adGroup);           // large: its share changed
 * }</pre>
 */
package io.ppcanomaly.rootcause.decompose;
