package io.cdcaudit.s3.internal;

import io.cdcaudit.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The requests the store makes to its bucket, each turning the SDK's errors into {@link StoreException}s of the
 * right kind (see {@link S3Errors}).
 */
public final class BucketAccess {

  private static final int DELETE_BATCH = 1_000;
  /** Every object is gzip-compressed NDJSON; no Content-Encoding, so that nothing unpacks it on the way. */
  private static final String CONTENT_TYPE = "application/gzip";

  private final S3Client client;
  private final String bucket;

  /** Requests to {@code bucket} through {@code client}. */
  public BucketAccess(S3Client client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  /** The bucket's name. */
  public String bucket() {
    return bucket;
  }

  /** The client. */
  public S3Client client() {
    return client;
  }

  /**
   * Writes {@code bytes} to {@code key} unless an object is there already ({@code If-None-Match: *}).
   *
   * @param options further settings of the request (lock, tags)
   * @return true when this request created the object, false when one was there
   */
  public boolean putIfAbsent(String key, byte[] bytes, Consumer<PutObjectRequest.Builder> options) {
    try {
      client.putObject(b -> options.accept(b.bucket(bucket).key(key).ifNoneMatch("*").contentType(CONTENT_TYPE)), RequestBody.fromBytes(bytes));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        return false;
      }
      throw S3Errors.of("write s3://" + bucket + "/" + key, e);
    } catch (SdkException | IllegalStateException e) {
      throw S3Errors.of("write s3://" + bucket + "/" + key, e);
    }
  }

  /** Writes {@code bytes} to {@code key}, replacing what is there. */
  public void put(String key, byte[] bytes, Consumer<PutObjectRequest.Builder> options) {
    try {
      client.putObject(b -> options.accept(b.bucket(bucket).key(key).contentType(CONTENT_TYPE)),
          RequestBody.fromBytes(bytes));
    } catch (SdkException | IllegalStateException e) {
      throw S3Errors.of("write s3://" + bucket + "/" + key, e);
    }
  }

  /** The object's bytes, or empty when there is no such object. */
  public Optional<byte[]> get(String key) {
    try {
      ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
      return Optional.of(bytes.asByteArrayUnsafe());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !"NoSuchBucket".equals(S3Errors.code(e))) {
        return Optional.empty();
      }
      throw S3Errors.of("read s3://" + bucket + "/" + key, e);
    } catch (SdkException | IllegalStateException e) {
      throw S3Errors.of("read s3://" + bucket + "/" + key, e);
    }
  }

  /** Every object under {@code prefix}, in key order. */
  public List<S3Object> list(String prefix) {
    List<S3Object> objects = new ArrayList<>();
    listPages(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build(), page -> objects.addAll(page.contents()));
    return objects;
  }

  /** The next level of "folders" under {@code prefix} (common prefixes ending in {@code /}), in key order. */
  public List<String> listFolders(String prefix) {
    List<String> folders = new ArrayList<>();
    listPages(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build(),
        page -> page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(folders::add));
    return folders;
  }

  private void listPages(ListObjectsV2Request first, Consumer<ListObjectsV2Response> each) {
    ListObjectsV2Request request = first;
    try {
      while (true) {
        ListObjectsV2Response page = client.listObjectsV2(request);
        each.accept(page);
        if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextContinuationToken() == null) {
          return;
        }
        request = request.toBuilder().continuationToken(page.nextContinuationToken()).build();
      }
    } catch (SdkException | IllegalStateException e) {
      throw S3Errors.of("list s3://" + bucket + "/" + first.prefix(), e);
    }
  }

  /**
   * Deletes the objects, up to 1,000 a request.
   *
   * @return the keys S3 refused to delete (an object under lock, for instance), with its error code
   */
  public List<String> delete(List<String> keys) {
    List<String> refused = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<ObjectIdentifier> ids = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      try {
        DeleteObjectsResponse response = client.deleteObjects(b -> b.bucket(bucket)
            .delete(Delete.builder().objects(ids).quiet(true).build()));
        response.errors().forEach(e -> refused.add(e.key() + " (" + e.code() + ")"));
      } catch (SdkException | IllegalStateException e) {
        throw S3Errors.of("delete from s3://" + bucket, e);
      }
    }
    return refused;
  }
}
