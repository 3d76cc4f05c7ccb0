/** When the monitor's jobs run: detection at the data's cadence, the daily clean-up, weekly retraining. */
package io.ppcanomaly.monitor.schedule;
