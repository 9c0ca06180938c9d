"""Handlers that call the @connections API of the execute-api host reach the local gateway unchanged."""

import unittest

from test_harness import FakeGateway, RuntimeTestCase, load_runtime_module

try:
    import botocore.auth
    import botocore.awsrequest
    import botocore.credentials
    HAVE_BOTOCORE = True
except ImportError:  # pragma: no cover - boto3 ships with every Lambda Python runtime, not with every machine
    HAVE_BOTOCORE = False

API_HOST = "abc123defg.execute-api.us-east-1.amazonaws.com"


def expected_signature(method, path, headers, body, secret_key):
    """SigV4 of the request as the gateway received it, computed over its signed headers."""
    authorization = headers["Authorization"]
    fields = dict(part.strip().split("=", 1) for part in authorization[len("AWS4-HMAC-SHA256 "):].split(","))
    access_key, date, region, service, _ = fields["Credential"].split("/")
    signed = fields["SignedHeaders"].split(";")
    request = botocore.awsrequest.AWSRequest(
        method=method, url=f"https://{headers['Host']}{path}", data=body,
        headers={name: headers[name] for name in signed})
    request.context["timestamp"] = headers["X-Amz-Date"]
    signer = botocore.auth.SigV4Auth(botocore.credentials.Credentials(access_key, secret_key), service, region)
    canonical = signer.canonical_request(request)
    return signer.signature(signer.string_to_sign(request, canonical), request), fields["Signature"], service


@unittest.skipUnless(HAVE_BOTOCORE, "boto3/botocore is not installed on this machine")
class ExecuteApiRewriteTests(RuntimeTestCase):

    def setUp(self):
        super().setUp()
        self.gateway = FakeGateway()
        self.addCleanup(self.gateway.close)

    def test_post_to_connection_reaches_the_local_gateway_with_the_signed_host(self):
        self.write("send.py", """
            import os
            import boto3

            def handler(event, context):
                client = boto3.client(
                    "apigatewaymanagementapi",
                    endpoint_url=f"https://{os.environ['API_ID']}.execute-api.{os.environ['AWS_REGION']}.amazonaws.com/{os.environ['STAGE']}")
                client.post_to_connection(ConnectionId=event["connectionId"], Data=event["data"].encode())
                return "sent"
        """)
        self.start("send.handler", env={
            "API_ID": "abc123defg",
            "STAGE": "production",
            "WEBSOCKETASPIRE_EXECUTE_API": f"{API_HOST}={self.gateway.url}",
        })
        result = self.api.invoke({"connectionId": "abc=", "data": "good job"})
        self.assertEqual("sent", result.json(), result.body)

        method, path, headers, body = self.gateway.wait_request()
        self.assertEqual("POST", method)
        self.assertEqual("/production/@connections/abc%3D", path)
        self.assertEqual(API_HOST, headers["Host"])
        self.assertEqual(1, len(headers.get_all("Host")))
        self.assertTrue(headers["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDLOCAL/"), headers["Authorization"])
        self.assertIn("host", headers["Authorization"].split("SignedHeaders=")[1].split(",")[0].split(";"))
        self.assertEqual(b"good job", body)

        computed, sent, service = expected_signature(method, path, headers, body, "local-secret")
        self.assertEqual("execute-api", service)
        self.assertEqual(computed, sent, "the signature must verify against the original Host")

    def test_other_hosts_are_left_alone(self):
        # A client on the service-specific endpoint variable goes where botocore sends it, not rewritten.
        self.write("send.py", """
            import boto3

            def handler(event, context):
                client = boto3.client("apigatewaymanagementapi")
                client.post_to_connection(ConnectionId="xyz", Data=b"direct")
                return client.meta.endpoint_url
        """)
        self.start("send.handler", env={
            "WEBSOCKETASPIRE_EXECUTE_API": f"{API_HOST}=http://127.0.0.1:9",
            "AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI": self.gateway.url,
        })
        self.assertEqual(self.gateway.url, self.api.invoke({}).json())
        _, path, headers, _ = self.gateway.wait_request()
        self.assertEqual("/@connections/xyz", path)
        self.assertEqual(self.gateway.url[len("http://"):], headers["Host"])

    def test_this_machines_botocore_honours_the_service_endpoint_variables(self):
        self.write("clients.py", """
            import boto3

            def handler(event, context):
                return [boto3.client(name).meta.endpoint_url for name in ("dynamodb", "apigatewaymanagementapi", "lambda")]
        """)
        self.start("clients.handler", env={
            "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:8001",
            "AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI": "http://127.0.0.1:3001",
            "AWS_ENDPOINT_URL_LAMBDA": "http://127.0.0.1:9001",
        })
        self.assertEqual(["http://127.0.0.1:8001", "http://127.0.0.1:3001", "http://127.0.0.1:9001"],
                         self.api.invoke({}).json())


class RouteUnitTests(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime_module()

    def test_parses_one_or_more_routes(self):
        routes = self.runtime.parse_execute_api_routes(
            "ABC.execute-api.us-east-1.amazonaws.com=http://127.0.0.1:3001; x.example=https://localhost:8443/base/")
        self.assertEqual({
            "abc.execute-api.us-east-1.amazonaws.com": ("http", "127.0.0.1:3001", ""),
            "x.example": ("https", "localhost:8443", "/base"),
        }, routes)

    def test_nothing_to_route(self):
        self.assertEqual({}, self.runtime.parse_execute_api_routes(None))
        self.assertEqual({}, self.runtime.parse_execute_api_routes(""))

    def test_rewrites_only_the_named_host_and_keeps_path_and_query(self):
        routes = self.runtime.parse_execute_api_routes(f"{API_HOST}=http://127.0.0.1:3001")
        self.assertEqual(
            ("http://127.0.0.1:3001/production/@connections/abc%3D?x=1", API_HOST),
            self.runtime.route_request_url(f"https://{API_HOST}/production/@connections/abc%3D?x=1", routes))
        local_url, _ = self.runtime.route_request_url(f"https://{API_HOST.upper()}/production", routes)
        self.assertEqual("http://127.0.0.1:3001/production", local_url)
        self.assertEqual(
            ("http://127.0.0.1:3001/production/@connections/abc", f"{API_HOST}:443"),
            self.runtime.route_request_url(f"https://{API_HOST}:443/production/@connections/abc", routes))
        self.assertIsNone(self.runtime.route_request_url("https://other.execute-api.us-east-1.amazonaws.com/p", routes))
        self.assertIsNone(self.runtime.route_request_url("https://dynamodb.us-east-1.amazonaws.com/", routes))


if __name__ == "__main__":
    unittest.main()
