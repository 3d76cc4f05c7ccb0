/** The built-in sample made ready to look at: its model trained once, its last days judged once. */
package io.ppcanomaly.server.sample;
