// Imports the AWS SDK v3 that the runtime provides (nothing is installed here).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const handler = async () => typeof DynamoDBClient;
