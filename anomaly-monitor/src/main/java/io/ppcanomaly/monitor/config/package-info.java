/**
 * Reading the monitor's configuration file: typed, validated keys whose errors name the key and the value, and the
 * refusal of keys nobody claims.
 */
package io.ppcanomaly.monitor.config;
