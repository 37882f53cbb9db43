/**
 * Internals of the InfluxDB store; not API, may change in any release.
 */
package io.cdcaudit.influx.internal;
