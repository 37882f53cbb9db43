/**
 * What every store shares, so that a new store decides only how it keeps records: the sort-key
 * range of a page ({@link io.cdcaudit.store.support.SortKeyRange}), fetch-one-extra paging
 * ({@link io.cdcaudit.store.support.Pages}), de-duplication and chunking of a batch
 * ({@link io.cdcaudit.store.support.Batches}) and the index keys under which a record is found
 * ({@link io.cdcaudit.store.support.IndexKey}). Queries are dispatched with
 * {@link io.cdcaudit.store.AuditQuery.Visitor}, so a new kind of query fails to compile in every
 * store.
 */
package io.cdcaudit.store.support;
