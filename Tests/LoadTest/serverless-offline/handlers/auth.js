// REQUEST authorizer for $connect: allows the connection when its `token` header is "hello".
// Header names are matched without regard to case. Callback style, as in the published pattern:
// callback("Unauthorized") makes serverless-offline (like API Gateway) answer 401.
export const handler = (event, context, callback) => {
  const token = Object.entries(event.headers ?? {})
    .find(([name]) => name.toLowerCase() === 'token')?.[1];

  if (token !== 'hello') {
    callback('Unauthorized');
    return;
  }
  callback(null, {
    principalId: 'me',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
    },
  });
};
