/** Test fixtures: a real HTTP receiver on loopback, a clock moved by hand, hand-built reports, both databases. */
package io.ppcanomaly.notify.testing;
