namespace WebSocketAspire.Tests.Functions.Events;

/// <summary>Events as AWS sends them (reference §1.3 and §2; values shortened as there).</summary>
internal static class CapturedEvents
{
    public const string Connect = """
        {"headers":{"Host":"abc123defg.execute-api.us-east-1.amazonaws.com","Sec-WebSocket-Extensions":"permessage-deflate; client_max_window_bits","Sec-WebSocket-Key":"+W5xw47OHh3OTFsWKjGu9Q==","Sec-WebSocket-Version":"13","X-Amzn-Trace-Id":"Root=1-6731ebfc-08e1e656421db73c5d2eef31","X-Forwarded-For":"203.0.113.9","X-Forwarded-Port":"443","X-Forwarded-Proto":"https"},
         "multiValueHeaders":{"Host":["abc123defg.execute-api.us-east-1.amazonaws.com"],"Sec-WebSocket-Version":["13"],"X-Forwarded-Port":["443"]},
         "queryStringParameters":{"token":"x"},"multiValueQueryStringParameters":{"token":["x"]},
         "requestContext":{"routeKey":"$connect","eventType":"CONNECT","extendedRequestId":"BFHPhFe3IAMF95g=","requestTime":"11/Nov/2024:11:35:24 +0000","messageDirection":"IN","stage":"prod","connectedAt":1731324924553,"requestTimeEpoch":1731324924561,"identity":{"sourceIp":"203.0.113.9"},"requestId":"BFHPhFe3IAMF95g=","domainName":"abc123defg.execute-api.us-east-1.amazonaws.com","connectionId":"BFHPhfCWIAMCKlQ=","apiId":"abc123defg"},
         "isBase64Encoded":false}
        """;

    public const string Message = """
        {"requestContext":{"routeKey":"chat","messageId":"BFaVtfGSIAMCKug=","eventType":"MESSAGE","extendedRequestId":"BFaVtH2HoAMFZEQ=","requestTime":"11/Nov/2024:13:45:46 +0000","messageDirection":"IN","stage":"prod","connectedAt":1731332735513,"requestTimeEpoch":1731332746514,"identity":{"userAgent":"Mozilla/5.0 ...","sourceIp":"203.0.113.9"},"requestId":"BFaVtH2HoAMFZEQ=","domainName":"abc123defg.execute-api.us-east-1.amazonaws.com","connectionId":"BFaT_fALIAMCKug=","apiId":"abc123defg","authorizer":{"principalId":"me","integrationLatency":12,"token":"hello"}},
         "body":"{\"action\": \"chat\", \"message\": \"hi\"}","isBase64Encoded":false}
        """;

    public const string Disconnect = """
        {"headers":{"Host":"abc123defg.execute-api.us-east-1.amazonaws.com","x-api-key":"","X-Forwarded-For":"","x-restapi":""},
         "multiValueHeaders":{"Host":["abc123defg.execute-api.us-east-1.amazonaws.com"],"x-api-key":[""],"X-Forwarded-For":[""],"x-restapi":[""]},
         "requestContext":{"routeKey":"$disconnect","disconnectStatusCode":1001,"eventType":"DISCONNECT","extendedRequestId":"R1koeHsUtjMFbRw=","requestTime":"20/Jan/2024:11:55:08 +0000","messageDirection":"IN","disconnectReason":"","stage":"prod","connectedAt":1705751697419,"requestTimeEpoch":1705751708326,"identity":{"userAgent":"Mozilla/5.0 ...","sourceIp":"203.0.113.9"},"requestId":"R1koeHsUtjMFbRw=","domainName":"abc123defg.execute-api.us-east-1.amazonaws.com","connectionId":"R1kmxc2VNjMCFIA=","apiId":"abc123defg"},
         "isBase64Encoded":false}
        """;

    public const string Authorizer = """
        {"type":"REQUEST",
         "methodArn":"arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect",
         "headers":{"Connection":"upgrade","content-length":"0","HeaderAuth1":"headerValue1","Host":"abcdef123.execute-api.us-east-1.amazonaws.com","Sec-WebSocket-Key":"+W5xw47OHh3OTFsWKjGu9Q==","Sec-WebSocket-Version":"13","Upgrade":"websocket","X-Forwarded-Port":"443","X-Forwarded-Proto":"https"},
         "multiValueHeaders":{"HeaderAuth1":["headerValue1"],"Upgrade":["websocket"]},
         "queryStringParameters":{"QueryString1":"queryValue1"},"multiValueQueryStringParameters":{"QueryString1":["queryValue1"]},
         "stageVariables":{},
         "requestContext":{"routeKey":"$connect","eventType":"CONNECT","extendedRequestId":"XYZ1Zg0yIAMFaTQ=","requestTime":"19/Jan/2023:21:13:26 +0000","messageDirection":"IN","stage":"default","connectedAt":1674162806344,"requestTimeEpoch":1674162806345,"identity":{"sourceIp":"203.0.113.9"},"requestId":"XYZ1Zg0yIAMFaTQ=","domainName":"abcdef123.execute-api.us-east-1.amazonaws.com","connectionId":"XYZ1ZeM_IAMCJzQ=","apiId":"abcdef123"}}
        """;

    /// <summary>What the sendmessage mapping template in template.yaml renders for a MESSAGE.</summary>
    public const string SendMessage = """
        {
          "requestContext": {
            "routeKey": "sendmessage",
            "messageId": "BFaVtfGSIAMCKug=",
            "auth": "me",
            "token": "hello",
            "eventType": "MESSAGE",
            "extendedRequestId": "BFaVtH2HoAMFZEQ=",
            "requestTime": "11/Nov/2024:13:45:46 +0000",
            "messageDirection": "IN",
            "stage": "prod",
            "connectedAt": 1731332735513,
            "requestTimeEpoch": 1731332746514,
            "sourceIp": "203.0.113.9",
            "requestId": "BFaVtH2HoAMFZEQ=",
            "domainName": "abc123defg.execute-api.us-east-1.amazonaws.com",
            "connectionId": "BFaT_fALIAMCKug=",
            "apiId": "abc123defg"
          },
          "body": "{\"action\":\"sendmessage\",\"message\":\"hey queen\"}",
          "isBase64Encoded": false
        }
        """;
}
