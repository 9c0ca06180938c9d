// $connect: remembers the connection id.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamo, tableName } from './dynamo.js';

export const handler = async (event) => {
  await dynamo.send(new PutItemCommand({
    TableName: tableName,
    Item: { connectionId: { S: event.requestContext.connectionId } },
  }));
  return { statusCode: 200, body: 'Connected.' };
};
