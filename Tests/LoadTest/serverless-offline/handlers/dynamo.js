// One DynamoDB client per worker (serverless-offline runs each function instance in its own worker
// thread), pointed at the dynalite that run.mjs started. Credentials and region come from the
// AWS_* variables serverless-offline hands to every function.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const tableName = process.env.TABLE_NAME;

export const dynamo = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
