// sendmessage: answers the sender, and only the sender, through @connections (as the C# stack's
// SendMessage function does). serverless-offline has no mapping templates, so the event is the
// proxy event and `body` is the raw frame; the reply does not depend on it. serverless-offline
// serves @connections on its websocket port: WEBSOCKET_ENDPOINT is http://127.0.0.1:<that port>.
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { dynamo, tableName } from './dynamo.js';

const reply = 'good job on deploying this template, keep slaying!!';

const connections = new ApiGatewayManagementApiClient({ endpoint: process.env.WEBSOCKET_ENDPOINT });

export const handler = async (event) => {
  const { connectionId } = event.requestContext;
  try {
    await connections.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: reply }));
  } catch (err) {
    if (!(err instanceof GoneException) && err?.name !== 'GoneException') throw err;
    // the sender left before the reply: forget it, as the C# handler does
    await dynamo.send(new DeleteItemCommand({ TableName: tableName, Key: { connectionId: { S: connectionId } } }));
  }
  return { statusCode: 200 };
};
