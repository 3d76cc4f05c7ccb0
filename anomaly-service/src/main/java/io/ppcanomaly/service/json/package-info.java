/**
 * The alerts JSON: {@link io.ppcanomaly.service.json.ReportJson} writes a
 * {@link io.ppcanomaly.service.DetectionReport} in the documented shape.
 */
package io.ppcanomaly.service.json;
