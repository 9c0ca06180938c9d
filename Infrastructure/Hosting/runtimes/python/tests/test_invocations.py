"""Invocations: event in, result or error out, the context object, logging and output."""

import json
import sys
import time
import unittest

from test_harness import RuntimeTestCase, load_runtime_module


class InvocationTests(RuntimeTestCase):

    def test_returns_the_result_as_json_over_one_kept_alive_connection(self):
        self.write("app.py", """
            def handler(event, context):
                return {"got": event, "n": 1}
        """)
        self.start("app.handler")
        results = [self.api.invoke({"i": i}) for i in range(5)]

        for i, record in enumerate(results):
            self.assertEqual({"got": {"i": i}, "n": 1}, record.json())
            self.assertEqual("application/json", record.headers["Content-Type"])
            self.assertTrue(record.path.startswith(f"/{self.api.prefix}/2018-06-01/runtime/invocation/"))
            self.assertTrue(record.path.endswith("/response"))
        self.assertEqual(1, len({r.client for r in self.api.records}), "every request should use the same connection")

    def test_the_context_has_lambdas_attributes(self):
        self.write("app.py", """
            def handler(event, context):
                return {
                    "aws_request_id": context.aws_request_id,
                    "function_name": context.function_name,
                    "function_version": context.function_version,
                    "invoked_function_arn": context.invoked_function_arn,
                    "memory_limit_in_mb": context.memory_limit_in_mb,
                    "log_group_name": context.log_group_name,
                    "log_stream_name": context.log_stream_name,
                    "remaining": context.get_remaining_time_in_millis(),
                    "identity": [context.identity.cognito_identity_id, context.identity.cognito_identity_pool_id],
                    "client_context": context.client_context,
                }
        """)
        self.start("app.handler")
        deadline = int(time.time() * 1000) + 10000
        result = self.api.invoke({}, request_id="req-1", deadline_ms=deadline).json()

        self.assertEqual("req-1", result["aws_request_id"])
        self.assertEqual("TestFunction", result["function_name"])
        self.assertEqual("$LATEST", result["function_version"])
        self.assertEqual("arn:aws:lambda:us-east-1:123456789012:function:TestFunction", result["invoked_function_arn"])
        self.assertEqual("128", result["memory_limit_in_mb"])  # a string, as on Lambda
        self.assertEqual("/aws/lambda/TestFunction", result["log_group_name"])
        self.assertRegex(result["log_stream_name"], r"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$")
        self.assertTrue(0 < result["remaining"] <= 10000, result["remaining"])
        self.assertEqual([None, None], result["identity"])
        self.assertIsNone(result["client_context"])

    def test_remaining_time_is_zero_past_the_deadline(self):
        self.write("app.py", """
            def handler(event, context):
                return context.get_remaining_time_in_millis()
        """)
        self.start("app.handler")
        self.assertEqual(0, self.api.invoke({}, deadline_ms=int(time.time() * 1000) - 5000).json())

    def test_sets_the_trace_id_per_invocation(self):
        self.write("app.py", """
            import os
            def handler(event, context):
                return os.environ.get("_X_AMZN_TRACE_ID")
        """)
        self.start("app.handler")
        trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        self.assertEqual(trace, self.api.invoke({}, trace_id=trace).json())
        self.assertIsNone(self.api.invoke({}).json())

    def test_a_handler_error_is_reported_with_its_type_message_and_frames(self):
        self.write("app.py", """
            def helper():
                raise ValueError("bad input")

            def handler(event, context):
                helper()
        """)
        process = self.start("app.handler")
        record = self.api.invoke({}, request_id="req-err")

        self.assertTrue(record.path.endswith("/invocation/req-err/error"), record.path)
        self.assertEqual("ValueError", record.headers["Lambda-Runtime-Function-Error-Type"])
        self.assertEqual("application/vnd.aws.lambda.error+json", record.headers["Content-Type"])
        error = record.json()
        self.assertEqual(["errorMessage", "errorType", "requestId", "stackTrace"], list(error))
        self.assertEqual("bad input", error["errorMessage"])
        self.assertEqual("ValueError", error["errorType"])
        self.assertEqual("req-err", error["requestId"])
        app = str(self.task_root / "app.py")
        self.assertEqual(2, len(error["stackTrace"]), error["stackTrace"])
        self.assertEqual(f'  File "{app}", line 6, in handler\n    helper()\n', error["stackTrace"][0])
        self.assertEqual(f'  File "{app}", line 3, in helper\n    raise ValueError("bad input")\n', error["stackTrace"][1])
        process.wait_stdout("[ERROR] ValueError: bad input")
        process.wait_stdout("Traceback (most recent call last):")

    def test_unauthorized_is_a_plain_exception_with_that_message(self):
        self.write("auth.py", """
            def handler(event, context):
                raise Exception("Unauthorized")
        """)
        self.start("auth.handler")
        error = self.api.invoke({"methodArn": "arn"}).json()
        self.assertEqual("Unauthorized", error["errorMessage"])
        self.assertEqual("Exception", error["errorType"])

    def test_the_runtime_keeps_serving_after_an_error(self):
        self.write("app.py", """
            def handler(event, context):
                if event.get("fail"):
                    raise KeyError("k")
                return "ok"
        """)
        self.start("app.handler")
        self.assertEqual("KeyError", self.api.invoke({"fail": True}).json()["errorType"])
        self.assertEqual("ok", self.api.invoke({}).json())

    def test_decimals_are_written_as_the_numbers_they_hold(self):
        self.write("app.py", """
            from decimal import Decimal
            def handler(event, context):
                return {"price": Decimal("1.10"), "count": Decimal("3"), "big": Decimal("1E+2"), "nan": Decimal("NaN"),
                        "text": "\\u0000not a marker"}
        """)
        self.start("app.handler")
        record = self.api.invoke({})
        self.assertEqual(b'{"price": 1.10, "count": 3, "big": 1E+2, "nan": NaN, "text": "\\u0000not a marker"}', record.body)

    def test_none_is_null(self):
        self.write("app.py", "def handler(event, context):\n    return None\n")
        self.start("app.handler")
        self.assertEqual(b"null", self.api.invoke({}).body)

    def test_bytes_are_passed_through(self):
        self.write("app.py", "def handler(event, context):\n    return b'\\x00raw'\n")
        self.start("app.handler")
        record = self.api.invoke({})
        self.assertEqual(b"\x00raw", record.body)
        self.assertEqual("application/unknown", record.headers["Content-Type"])

    def test_a_result_json_cannot_hold_is_a_marshal_error(self):
        self.write("app.py", "def handler(event, context):\n    return {1, 2}\n")
        self.start("app.handler")
        record = self.api.invoke({}, request_id="req-set")
        self.assertTrue(record.path.endswith("/error"))
        self.assertEqual({
            "errorMessage": "Unable to marshal response: Object of type set is not JSON serializable",
            "errorType": "Runtime.MarshalError",
            "requestId": "req-set",
            "stackTrace": [],
        }, record.json())
        self.assertEqual("Runtime.MarshalError", record.headers["Lambda-Runtime-Function-Error-Type"])

    def test_an_event_that_is_not_json_is_an_unmarshal_error(self):
        self.write("app.py", "def handler(event, context):\n    return event\n")
        self.start("app.handler")
        error = self.api.wait_result(self.api.enqueue(None, raw=b"{not json")).json()
        self.assertEqual("Runtime.UnmarshalError", error["errorType"])
        self.assertTrue(error["errorMessage"].startswith("Unable to unmarshal input: "), error["errorMessage"])

    def test_non_ascii_characters_follow_the_templates_python_version(self):
        self.write("app.py", "def handler(event, context):\n    return 'caf\\u00e9 \\u2603'\n")
        self.start("app.handler", env={"WEBSOCKETASPIRE_RUNTIME_VERSION": "python3.12"})
        self.assertEqual('"café ☃"'.encode("utf-8"), self.api.invoke({}).body)

        older = self.new_api()
        self.start("app.handler", env={"WEBSOCKETASPIRE_RUNTIME_VERSION": "python3.11"}, api=older)
        self.assertEqual(b'"caf\\u00e9 \\u2603"', older.invoke({}).body)


class OutputTests(RuntimeTestCase):

    def test_print_reaches_stdout_at_once(self):
        self.write("app.py", """
            def handler(event, context):
                print("line from the handler")
                print("no newline", end="")
                return 1
        """)
        process = self.start("app.handler")
        self.api.invoke({})
        # The process is still running (waiting for the next event), so this was flushed, not exited.
        process.wait_stdout("line from the handler")
        process.wait_stdout("no newline")
        self.assertIsNone(process.process.poll())

    def test_the_root_logger_uses_lambdas_format_at_warning(self):
        self.write("app.py", """
            import logging
            logger = logging.getLogger()
            def handler(event, context):
                logger.info("info is below the default level")
                logger.warning("careful: %s", event["what"])
                return 1
        """)
        process = self.start("app.handler")
        self.api.invoke({"what": "ice"}, request_id="req-log")
        self.api.invoke({"what": "second"})
        line = process.wait_stdout("careful: ice")
        self.assertRegex(line, r"^\[WARNING\]\t\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\treq-log\tcareful: ice$")
        process.wait_stdout("careful: second")
        self.assertFalse(any("below the default" in line for line in process.stdout))

    def test_a_logged_exception_ends_its_own_line(self):
        self.write("app.py", """
            import logging
            def handler(event, context):
                try:
                    raise KeyError("gone")
                except KeyError:
                    logging.exception("lookup failed")
                print("next line")
                return 1
        """)
        process = self.start("app.handler")
        self.api.invoke({})
        process.wait_stdout("next line")
        self.assertIn("next line", process.stdout)
        self.assertIn("KeyError: 'gone'", process.stdout)
        self.assertTrue(any(line.startswith("[ERROR]\t") and line.endswith("\tlookup failed") for line in process.stdout))

    def test_aws_lambda_log_level_sets_the_root_level(self):
        self.write("app.py", """
            import logging
            def handler(event, context):
                logging.getLogger().debug("debug shows")
                return 1
        """)
        process = self.start("app.handler", env={"AWS_LAMBDA_LOG_LEVEL": "DEBUG"})
        self.api.invoke({}, request_id="req-debug")
        self.assertRegex(process.wait_stdout("debug shows"), r"^\[DEBUG\]\t.*Z\treq-debug\tdebug shows$")

    def test_json_log_format(self):
        self.write("app.py", """
            import logging
            def handler(event, context):
                logging.getLogger("app").info("as json", extra={"orderId": 7})
                return 1
        """)
        process = self.start("app.handler", env={"AWS_LAMBDA_LOG_FORMAT": "JSON"})
        self.api.invoke({}, request_id="req-json")
        document = json.loads(process.wait_stdout('"as json"'))
        self.assertEqual("INFO", document["level"])
        self.assertEqual("app", document["logger"])
        self.assertEqual("req-json", document["requestId"])
        self.assertEqual(7, document["orderId"])
        self.assertRegex(document["timestamp"], r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")

    def test_a_different_python_version_is_noted_once(self):
        self.write("app.py", "def handler(event, context):\n    return 1\n")
        process = self.start("app.handler", env={"WEBSOCKETASPIRE_RUNTIME_VERSION": "python3.99"})
        self.api.invoke({})
        self.api.invoke({})
        v = sys.version_info
        expected = (f"WebSocketAspire: the template asks for python3.99; running it on Python "
                    f"{v.major}.{v.minor}.{v.micro} (this machine's).")
        self.assertEqual(expected, process.wait_stdout("WebSocketAspire:"))
        self.assertEqual(1, sum("WebSocketAspire:" in line for line in process.stdout))

    def test_the_same_python_version_is_not_noted(self):
        self.write("app.py", "def handler(event, context):\n    return 1\n")
        v = sys.version_info
        process = self.start("app.handler", env={"WEBSOCKETASPIRE_RUNTIME_VERSION": f"python{v.major}.{v.minor}"})
        self.api.invoke({})
        self.assertFalse(any("WebSocketAspire" in line for line in process.stdout))


class MarshalUnitTests(unittest.TestCase):
    """The JSON writer on its own."""

    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime_module()

    def test_nested_decimals(self):
        from decimal import Decimal
        body, content_type = self.runtime.marshal_response([{"a": [Decimal("-0.5")]}, Decimal("Infinity")], True)
        self.assertEqual(b'[{"a": [-0.5]}, Infinity]', body)
        self.assertEqual("application/json", content_type)

    def test_strings_with_nul_characters_stay_strings_next_to_decimals(self):
        from decimal import Decimal
        body, _ = self.runtime.marshal_response({"s": "\x00abc:1", "d": Decimal("2.50")}, True)
        self.assertEqual(b'{"s": "\\u0000abc:1", "d": 2.50}', body)

if __name__ == "__main__":
    unittest.main()
