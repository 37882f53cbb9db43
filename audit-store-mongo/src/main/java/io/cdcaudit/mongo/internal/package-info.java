/**
 * Implementation details of the MongoDB store (the document codec, index definitions, filters).
 * Not API: nothing outside this module uses it.
 */
package io.cdcaudit.mongo.internal;
