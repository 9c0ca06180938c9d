"""Start-up: finding the handler, reporting init errors, sys.path, and the Runtime API connection."""

import signal
import socket
import sys
import unittest

from test_harness import RuntimeTestCase


class HandlerLoadingTests(RuntimeTestCase):

    def assert_init_error(self, handler, error_type, message, stack_trace=None):
        process = self.start(handler)
        record = self.api.wait_init_error()
        self.assertNotEqual(0, process.wait_exit())
        error = record.json()
        self.assertEqual(error_type, error["errorType"])
        self.assertEqual(message, error["errorMessage"])
        self.assertEqual("", error["requestId"])
        if stack_trace is not None:
            self.assertEqual(stack_trace, error["stackTrace"])
        self.assertEqual(error_type, record.headers["Lambda-Runtime-Function-Error-Type"])
        self.assertTrue(record.path.startswith(f"/{self.api.prefix}/2018-06-01/runtime/init/error"))
        self.assertFalse(any(r.path.endswith("/invocation/next") for r in self.api.records))
        process.wait_stdout(f"[ERROR] {error_type}: {message}")
        return error

    def test_a_missing_module(self):
        self.assert_init_error("nope.handler", "Runtime.ImportModuleError",
                               "Unable to import module 'nope': No module named 'nope'", [])

    def test_a_module_whose_import_fails(self):
        self.write("app.py", "import not_installed_anywhere\n")
        self.assert_init_error("app.handler", "Runtime.ImportModuleError",
                               "Unable to import module 'app': No module named 'not_installed_anywhere'")

    def test_a_missing_function(self):
        self.write("missing.py", "def other(event, context):\n    return 1\n")
        self.assert_init_error("missing.handler", "Runtime.HandlerNotFound",
                               "Handler 'handler' missing on module 'missing'", [])

    def test_a_syntax_error(self):
        self.write("broken.py", "def handler(event, context)\n    return 1\n")
        error = self.assert_init_error(
            "broken.handler", "Runtime.UserCodeSyntaxError",
            "Syntax error in module 'broken': expected ':' (broken.py, line 1)")
        broken = str(self.task_root / "broken.py")
        self.assertEqual([f'  File "{broken}" Line 1\n    def handler(event, context)\n'], error["stackTrace"])

    def test_a_handler_without_a_module(self):
        self.assert_init_error("handler", "Runtime.MalformedHandlerName",
                               "Bad handler 'handler': not enough values to unpack (expected 2, got 1)", [])

    def test_a_built_in_module(self):
        self.assert_init_error("sys.handler", "Runtime.BuiltInModuleConflict",
                               "Cannot use built-in module sys as a handler module", [])

    def test_an_exception_while_the_module_loads_keeps_its_type(self):
        self.write("app.py", "raise RuntimeError('no config')\n")
        error = self.assert_init_error("app.handler", "RuntimeError", "no config")
        app = str(self.task_root / "app.py")
        self.assertEqual([f'  File "{app}", line 1, in <module>\n    raise RuntimeError(\'no config\')\n'], error["stackTrace"])

    def test_a_module_in_a_package_by_slash_and_by_dot(self):
        self.write("pkg/__init__.py", "")
        self.write("pkg/mod.py", "def handler(event, context):\n    return __name__\n")
        self.start("pkg/mod.handler")
        self.assertEqual("pkg.mod", self.api.invoke({}).json())

        dotted = self.new_api()
        self.start("pkg.mod.handler", api=dotted)
        self.assertEqual("pkg.mod", dotted.invoke({}).json())

    def test_an_error_names_the_module_as_the_handler_wrote_it(self):
        self.write("pkg/__init__.py", "")
        self.assert_init_error("pkg/gone.handler", "Runtime.ImportModuleError",
                               "Unable to import module 'pkg/gone': No module named 'pkg.gone'")


class SysPathTests(RuntimeTestCase):

    def test_the_functions_own_packages_win_over_the_machines(self):
        # A package of this name is installed on the machine (or not: either way CodeUri's must win).
        self.write("boto3/__init__.py", "WHO = 'CodeUri'\n")
        self.write("app.py", """
            import boto3
            def handler(event, context):
                return boto3.WHO
        """)
        self.start("app.handler")
        self.assertEqual("CodeUri", self.api.invoke({}).json())

    def test_the_runtimes_folder_shadows_nothing(self):
        # A user module with the runtime's own file name is the user's.
        self.write("lambda_runtime.py", "def handler(event, context):\n    return 'user module'\n")
        self.start("lambda_runtime.handler")
        self.assertEqual("user module", self.api.invoke({}).json())

    def test_the_task_root_comes_first(self):
        self.write("app.py", """
            import os, sys
            def handler(event, context):
                return [sys.path[0], os.environ["LAMBDA_TASK_ROOT"]]
        """)
        self.start("app.handler")
        first, task_root = self.api.invoke({}).json()
        self.assertEqual(task_root, first)


class RuntimeApiConnectionTests(RuntimeTestCase):

    def test_an_unreachable_runtime_api_ends_the_process_with_one_line(self):
        self.write("app.py", "def handler(event, context):\n    return 1\n")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        process = self.start("app.handler", env={"AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{port}/Fn.1.x"})
        self.assertEqual(1, process.wait_exit())
        self.assertEqual(1, len(process.stderr), process.stderr)
        self.assertIn(f"127.0.0.1:{port}/Fn.1.x", process.stderr[0])
        self.assertIn("unreachable", process.stderr[0])

    def test_a_refused_instance_exits(self):
        api = self.new_api(refuse_with=403)
        self.write("app.py", "def handler(event, context):\n    return 1\n")
        process = self.start("app.handler", api=api)
        self.assertEqual(1, process.wait_exit())
        self.assertIn("403", process.stderr[0])
        self.assertIn("not a started instance", process.stderr[0])

    def test_a_missing_runtime_api_variable(self):
        self.write("app.py", "def handler(event, context):\n    return 1\n")
        process = self.start("app.handler", env={"AWS_LAMBDA_RUNTIME_API": None})
        self.assertEqual(1, process.wait_exit())
        self.assertIn("AWS_LAMBDA_RUNTIME_API", process.stderr[0])

    def test_reconnects_when_the_server_dropped_the_idle_connection(self):
        api = self.new_api(close_after_next=True)
        self.write("app.py", "def handler(event, context):\n    return event\n")
        process = self.start("app.handler", api=api)
        for i in range(3):
            self.assertEqual(i, api.invoke(i).json())
        self.assertIsNone(process.process.poll())
        self.assertEqual([], process.stderr)

    @unittest.skipIf(sys.platform == "win32", "POSIX signals")
    def test_sigterm_while_waiting_ends_the_process_quietly(self):
        self.write("app.py", "def handler(event, context):\n    return 1\n")
        process = self.start("app.handler")
        self.api.wait_for_next()
        process.process.send_signal(signal.SIGTERM)
        self.assertEqual(0, process.wait_exit())
        self.assertEqual([], process.stderr)


if __name__ == "__main__":
    unittest.main()
