"""The AppHost tests' Python fixtures run on this runtime as those tests expect.

Tests/AppHost.Tests/Fixtures/python-cases holds small handlers for error tests, python-sample a
SAM stack (the serverless-patterns WebSocket sample with Python functions). Here their functions
run against the fake Runtime API, with a fake DynamoDB and a fake gateway where they need AWS.
"""

import http.server
import json
import re
import threading
import unittest

from test_harness import FIXTURES, FakeGateway, RuntimeTestCase

CASES = FIXTURES / "python-cases"
SAMPLE = FIXTURES / "python-sample"

try:
    import boto3  # noqa: F401 - the sample's functions use it, as on Lambda
    HAVE_BOTO3 = True
except ImportError:  # pragma: no cover
    HAVE_BOTO3 = False

try:
    import yaml
except ImportError:  # pragma: no cover
    yaml = None


@unittest.skipUnless(CASES.is_dir(), f"no {CASES}")
class PythonCasesTests(RuntimeTestCase):

    def start_case(self, handler, **kwargs):
        return self.start(handler, task_root=CASES, **kwargs)

    def test_echo(self):
        self.start_case("echo.handler")
        self.assertEqual({"a": [1, "two"]}, self.api.invoke({"a": [1, "two"]}).json())

    def test_raises(self):
        self.start_case("raises.handler")
        record = self.api.invoke({}, request_id="req-raises")
        error = record.json()
        self.assertEqual(("bad input", "ValueError", "req-raises"), (error["errorMessage"], error["errorType"], error["requestId"]))
        self.assertEqual(1, len(error["stackTrace"]))
        self.assertIn('raises.py", line 5, in handler', error["stackTrace"][0])

    def test_unauthorized(self):
        self.start_case("unauthorized.handler")
        error = self.api.invoke({}).json()
        self.assertEqual(("Unauthorized", "Exception"), (error["errorMessage"], error["errorType"]))

    def test_context(self):
        self.start_case("context.handler")
        trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
        result = self.api.invoke({}, request_id="req-ctx", trace_id=trace).json()
        self.assertEqual("req-ctx", result["aws_request_id"])
        self.assertEqual("TestFunction", result["function_name"])
        self.assertEqual("128", result["memory_limit_in_mb"])
        self.assertEqual(trace, result["trace_id"])
        self.assertEqual({"cognito_identity_id": None, "cognito_identity_pool_id": None}, result["identity"])
        self.assertIsNone(result["client_context"])
        self.assertGreater(result["remaining_time_in_millis"], 0)

    def test_a_package_module_by_slash_and_by_dot(self):
        self.start_case("pkg/mod.handler")
        self.assertEqual({"module": "pkg.mod", "event": 1}, self.api.invoke(1).json())
        dotted = self.new_api()
        self.start_case("pkg.mod.handler", api=dotted)
        self.assertEqual({"module": "pkg.mod", "event": 2}, dotted.invoke(2).json())

    def test_broken(self):
        process = self.start_case("broken.handler")
        error = self.api.wait_init_error().json()
        self.assertEqual("Runtime.UserCodeSyntaxError", error["errorType"])
        self.assertTrue(error["errorMessage"].startswith("Syntax error in module 'broken': "), error["errorMessage"])
        self.assertNotEqual(0, process.wait_exit())

    def test_missing(self):
        process = self.start_case("missing.handler")
        error = self.api.wait_init_error().json()
        self.assertEqual(("Handler 'handler' missing on module 'missing'", "Runtime.HandlerNotFound"),
                         (error["errorMessage"], error["errorType"]))
        self.assertNotEqual(0, process.wait_exit())


class FakeDynamoDb:
    """Just enough of DynamoDB's JSON 1.0 API for the sample: PutItem, DeleteItem and Scan of one table."""

    def __init__(self, table):
        self.table = table
        self.items = {}
        self.lock = threading.Lock()
        db = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as two writes

            def log_message(self, *args):
                pass

            def do_POST(self):
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                operation = self.headers["X-Amz-Target"].split(".")[-1]
                status, answer = db.handle(operation, request)
                body = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/x-amz-json-1.0")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def handle(self, operation, request):
        if request.get("TableName") != self.table:
            return 400, {"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                         "message": "Requested resource not found"}
        with self.lock:
            if operation == "PutItem":
                self.items[request["Item"]["connectionId"]["S"]] = request["Item"]
                return 200, {}
            if operation == "DeleteItem":
                self.items.pop(request["Key"]["connectionId"]["S"], None)
                return 200, {}
            if operation == "Scan":
                items = list(self.items.values())
                return 200, {"Items": items, "Count": len(items), "ScannedCount": len(items)}
        return 400, {"__type": "com.amazon.coral.service#UnknownOperationException", "message": operation}

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def load_template():
    """template.yaml with CloudFormation's short-form tags kept as {"!Tag": value}."""
    class Loader(yaml.SafeLoader):
        pass

    def tag(loader, suffix, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {"!" + suffix: value}

    Loader.add_multi_constructor("!", tag)
    return yaml.load((SAMPLE / "template.yaml").read_text(encoding="utf-8"), Loader=Loader)


@unittest.skipUnless(SAMPLE.is_dir(), f"no {SAMPLE}")
class PythonSampleTemplateTests(unittest.TestCase):

    @unittest.skipIf(yaml is None, "PyYAML is not installed")
    def test_every_function_is_python_with_its_handler_in_src(self):
        template = load_template()
        self.assertEqual("AWS::Serverless-2016-10-31", template["Transform"])
        self.assertEqual("python3.12", template["Globals"]["Function"]["Runtime"])
        self.assertEqual("src/", template["Globals"]["Function"]["CodeUri"])
        resources = template["Resources"]
        functions = {name: r["Properties"]["Handler"] for name, r in resources.items() if r["Type"] == "AWS::Serverless::Function"}
        self.assertEqual({"AuthorizerFunction", "ConnectFunction", "DisconnectFunction", "SendMessageFunction"}, set(functions))
        for handler in functions.values():
            module = handler.rsplit(".", 1)[0]
            self.assertTrue((SAMPLE / "src" / (module + ".py")).is_file(), handler)

    @unittest.skipIf(yaml is None, "PyYAML is not installed")
    def test_the_websocket_api_as_published(self):
        resources = load_template()["Resources"]
        self.assertEqual("$request.body.action", resources["WebSocketApi"]["Properties"]["RouteSelectionExpression"])
        authorizer = resources["Authorizer"]["Properties"]
        self.assertEqual(("REQUEST", ["route.request.header.token"]), (authorizer["AuthorizerType"], authorizer["IdentitySource"]))
        self.assertIn("${AuthorizerFunction.Arn}", authorizer["AuthorizerUri"]["!Sub"])
        self.assertEqual("CUSTOM", resources["ConnectRoute"]["Properties"]["AuthorizationType"])
        send = resources["SendMessageIntegration"]["Properties"]
        self.assertEqual("AWS", send["IntegrationType"])
        self.assertEqual(["application/json"], list(send["RequestTemplates"]))
        self.assertNotIn("TemplateSelectionExpression", send)
        self.assertIn('"body": "$util.escapeJavaScript($input.body)"', send["RequestTemplates"]["application/json"])
        self.assertEqual("production", resources["Stage"]["Properties"]["StageName"])
        variables = resources["SendMessageFunction"]["Properties"]["Environment"]["Variables"]
        self.assertEqual(({"!Ref": "WebSocketApi"}, "production"), (variables["API_ID"], variables["STAGE"]))


@unittest.skipUnless(SAMPLE.is_dir(), f"no {SAMPLE}")
class PythonSampleFunctionTests(RuntimeTestCase):
    TABLE = "python-sample-ConnectionsTable"
    API_HOST = "abc123defg.execute-api.us-east-1.amazonaws.com"

    def start_function(self, handler, api=None, extra=None):
        env = {"TABLE_NAME": self.TABLE}
        env.update(extra or {})
        return self.start(handler, task_root=SAMPLE / "src", env=env, api=api)

    def test_the_authorizer_allows_hello(self):
        self.start_function("authorizer.handler")
        method_arn = "arn:aws:execute-api:us-east-1:123456789012:abc123defg/production/$connect"
        allowed = self.api.invoke({"type": "REQUEST", "methodArn": method_arn, "headers": {"token": "hello"}}).json()
        self.assertEqual({
            "principalId": "me",
            "policyDocument": {"Version": "2012-10-17", "Statement": [
                {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": method_arn}]},
        }, allowed)

    def test_the_authorizer_denies_anything_else(self):
        self.start_function("authorizer.handler")
        for headers in ({"token": "nope"}, {}):
            error = self.api.invoke({"type": "REQUEST", "methodArn": "arn", "headers": headers}).json()
            self.assertEqual(("Unauthorized", "Exception"), (error["errorMessage"], error["errorType"]))

    @unittest.skipUnless(HAVE_BOTO3, "boto3 is not installed on this machine")
    def test_connect_send_and_disconnect(self):
        db = FakeDynamoDb(self.TABLE)
        self.addCleanup(db.close)
        gateway = FakeGateway()
        self.addCleanup(gateway.close)
        aws = {
            "AWS_ENDPOINT_URL_DYNAMODB": db.url,
            "AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI": gateway.url + "/production",
            "WEBSOCKETASPIRE_EXECUTE_API": f"{self.API_HOST}={gateway.url}",
            "API_ID": "abc123defg",
            "STAGE": "production",
        }
        connect_api, send_api, disconnect_api = self.new_api(), self.new_api(), self.new_api()
        self.start_function("connect.handler", connect_api, aws)
        send = self.start_function("sendmessage.handler", send_api, aws)
        self.start_function("disconnect.handler", disconnect_api, aws)

        proxy = {"requestContext": {"connectionId": "abc=", "routeKey": "$connect", "eventType": "CONNECT"}}
        self.assertEqual({"statusCode": 200, "body": "Connected."}, connect_api.invoke(proxy).json())
        self.assertEqual(["abc="], list(db.items))

        rendered = {"requestContext": {"routeKey": "sendmessage", "connectionId": "abc="},
                    "body": '{"action": "sendmessage", "message": "hey queen"}', "isBase64Encoded": "false"}
        self.assertEqual({"statusCode": 200, "body": "Data sent."}, send_api.invoke(rendered).json())
        method, path, headers, body = gateway.wait_request()
        self.assertEqual(("POST", "/production/@connections/abc%3D", self.API_HOST),
                         (method, path, headers["Host"]))
        self.assertTrue(headers["Authorization"].startswith("AWS4-HMAC-SHA256 "))
        self.assertEqual(b"good job on deploying this template, keep slaying!!", body)
        self.assertTrue(re.search(r"1 open connection\(s\); abc= sent 'hey queen'", send.wait_stdout("open connection")))

        disconnect = {"requestContext": {"connectionId": "abc=", "routeKey": "$disconnect", "eventType": "DISCONNECT"}}
        self.assertEqual({"statusCode": 200, "body": "Disconnected."}, disconnect_api.invoke(disconnect).json())
        self.assertEqual({}, db.items)


if __name__ == "__main__":
    unittest.main()
