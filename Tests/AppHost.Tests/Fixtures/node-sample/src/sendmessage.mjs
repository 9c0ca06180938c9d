// sendmessage (non-proxy integration): the event is what the mapping template rendered, the
// request context plus the client's frame as an escaped string in `body`. Answers the sender
// through the @connections API at the endpoint a deployed function would use.
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';

const dynamo = new DynamoDBClient({});

export const handler = async (event) => {
  let message;
  try {
    message = JSON.parse(event.body).message;
  } catch {
    message = event.body; // not JSON: keep the raw frame for the log
  }
  console.log('message from', event.requestContext.connectionId, ':', message);

  const { Items: connections = [] } = await dynamo.send(new ScanCommand({
    TableName: process.env.TABLE_NAME,
    ProjectionExpression: 'connectionId',
  }));
  console.log('open connections:', connections.length);

  const connectionsApi = new ApiGatewayManagementApiClient({
    endpoint: `https://${process.env.API_ID}.execute-api.${process.env.AWS_REGION}.amazonaws.com/${process.env.STAGE}`,
  });
  await connectionsApi.send(new PostToConnectionCommand({
    ConnectionId: event.requestContext.connectionId,
    Data: 'good job on deploying this template, keep slaying!!',
  }));
  return { statusCode: 200 };
};
