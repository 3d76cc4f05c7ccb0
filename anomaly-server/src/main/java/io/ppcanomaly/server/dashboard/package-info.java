/** The dashboard's server-rendered pages (Mustache templates under {@code io/ppcanomaly/server/templates}). */
package io.ppcanomaly.server.dashboard;
