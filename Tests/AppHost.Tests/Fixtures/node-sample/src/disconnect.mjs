// $disconnect: forgets the connection id.
import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

const dynamo = new DynamoDBClient({});

export const handler = async (event) => {
  await dynamo.send(new DeleteItemCommand({
    TableName: process.env.TABLE_NAME,
    Key: { connectionId: { S: event.requestContext.connectionId } },
  }));
  return { statusCode: 200, body: 'Disconnected.' };
};
