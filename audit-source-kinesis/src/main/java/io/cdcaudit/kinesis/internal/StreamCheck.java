package io.cdcaudit.kinesis.internal;

import io.cdcaudit.source.SourceException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * Asks Kinesis and DynamoDB whether the stream and the lease table can be used: before the KCL
 * starts (which otherwise retries a missing stream for minutes, delivering nothing) and while no
 * record arrives (the KCL logs an unreachable endpoint but delivers nothing either, and the
 * pipeline's health must not look fine meanwhile).
 */
public final class StreamCheck {

  private final KinesisAsyncClient kinesis;
  private final DynamoDbAsyncClient dynamoDb;
  private final String stream;
  private final String leaseTable;
  private final Duration timeout;

  /**
   * A check of one stream and its lease table.
   *
   * @param kinesis the Kinesis client
   * @param dynamoDb the DynamoDB client
   * @param stream the stream name
   * @param leaseTable the lease table (the application name)
   * @param timeout how long one check may take
   */
  public StreamCheck(KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamoDb, String stream, String leaseTable,
      Duration timeout) {
    this.kinesis = kinesis;
    this.dynamoDb = dynamoDb;
    this.stream = stream;
    this.leaseTable = leaseTable;
    this.timeout = timeout;
  }

  /**
   * Checks both; returns when they answer.
   *
   * @throws SourceException unusable for a missing stream or refused credentials, transient otherwise
   */
  public void run() {
    try {
      kinesis.describeStreamSummary(b -> b.streamName(stream)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw KinesisErrors.classified("Kinesis stream " + stream + ": describing it failed",
          "kinesis:DescribeStreamSummary, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards", e);
    } catch (TimeoutException e) {
      throw new SourceException("Kinesis stream " + stream + ": no answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while checking Kinesis stream " + stream, e);
    }
    try {
      dynamoDb.describeTable(b -> b.tableName(leaseTable)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!KinesisErrors.isMissingTable(e)) { // a missing lease table is created by the KCL
        throw KinesisErrors.classified("DynamoDB lease table " + leaseTable + ": describing it failed",
            "dynamodb:DescribeTable, CreateTable, GetItem, PutItem, UpdateItem, DeleteItem, Scan, Query", e);
      }
    } catch (TimeoutException e) {
      throw new SourceException("DynamoDB lease table " + leaseTable + ": no answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while checking DynamoDB lease table " + leaseTable, e);
    }
  }
}
