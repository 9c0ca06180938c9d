// REQUEST authorizer for $connect: allows the connection when its `token` header is "hello".
// Header names arrive as the client sent them, so the lookup ignores case. A callback-style
// handler, as in the published pattern; callback("Unauthorized") makes the gateway answer 401.
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
