// $disconnect: forgets the connection id.
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamo, tableName } from './dynamo.js';

export const handler = async (event) => {
  await dynamo.send(new DeleteItemCommand({
    TableName: tableName,
    Key: { connectionId: { S: event.requestContext.connectionId } },
  }));
  return { statusCode: 200, body: 'Disconnected.' };
};
