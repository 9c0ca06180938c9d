"""Test support (no tests here): a fake Lambda Runtime API and a runtime process to drive against it.

The fake serves the 2018-06-01 Runtime API under a path prefix, as the local Lambda service does
(``AWS_LAMBDA_RUNTIME_API=127.0.0.1:{port}/{prefix}``), over HTTP/1.1 keep-alive, and records every
request. Everything waits on conditions with deadlines; nothing sleeps for a fixed time.
"""

import http.server
import importlib.util
import json
import os
import queue
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest
import uuid
from pathlib import Path

# Leave no __pycache__ beside the runtime (or in the fixtures) when loading it in-process.
sys.dont_write_bytecode = True

RUNTIME_DIR = Path(__file__).resolve().parents[1]
RUNTIME = RUNTIME_DIR / "lambda_runtime.py"
REPOSITORY = Path(__file__).resolve().parents[5]
FIXTURES = REPOSITORY / "Tests" / "AppHost.Tests" / "Fixtures"

TIMEOUT = 20.0  # generous: two cores, and a boto3 import on a cold cache


def load_runtime_module():
    """lambda_runtime.py as a module of this process, for its pure functions."""
    spec = importlib.util.spec_from_file_location("websocketaspire_lambda_runtime", RUNTIME)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wait_until(condition, predicate, timeout, what):
    """Waits on ``condition`` (held by the caller) until ``predicate()`` is truthy; fails after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        condition.wait(remaining)


class Record:
    """One request the fake Runtime API received."""

    def __init__(self, method, path, headers, body, client):
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.client = client  # (host, port) of the runtime's connection

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"Record({self.method} {self.path} {self.body[:200]!r})"


class _QuietServer(http.server.ThreadingHTTPServer):
    """A runtime that goes away mid-request (stopped while it waits for /next) is not an error here."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeRuntimeApi:
    """The Lambda Runtime API of one function instance, served on 127.0.0.1 at a free port."""

    def __init__(self, prefix="TestFunction.1.secret", refuse_with=None, close_after_next=False):
        self.prefix = prefix
        self.refuse_with = refuse_with          # answer every request with this status (e.g. 403)
        self.close_after_next = close_after_next  # drop the connection after each /next, without saying so
        self.records = []
        self.condition = threading.Condition()
        self._events = queue.Queue()
        self._stopping = threading.Event()
        self.server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self.server.serve_forever, name="fake-runtime-api", daemon=True)
        self._thread.start()

    @property
    def address(self):
        return f"127.0.0.1:{self.server.server_address[1]}/{self.prefix}"

    def close(self):
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------------ what the tests call

    def enqueue(self, event, request_id=None, deadline_ms=None, trace_id=None, raw=None, headers=None):
        """Queues an invocation; returns its request id."""
        request_id = request_id or str(uuid.uuid4())
        body = raw if raw is not None else json.dumps(event).encode("utf-8")
        response_headers = {
            "Lambda-Runtime-Aws-Request-Id": request_id,
            "Lambda-Runtime-Deadline-Ms": str(deadline_ms if deadline_ms is not None else int(time.time() * 1000) + 30000),
            "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:123456789012:function:TestFunction",
            "Content-Type": "application/json",
        }
        if trace_id:
            response_headers["Lambda-Runtime-Trace-Id"] = trace_id
        response_headers.update(headers or {})
        self._events.put((response_headers, body))
        return request_id

    def wait_result(self, request_id, timeout=TIMEOUT):
        """The /response or /error post for ``request_id``."""
        def find():
            for record in self.records:
                if record.method == "POST" and f"/invocation/{request_id}/" in record.path:
                    return record
            return None
        with self.condition:
            return wait_until(self.condition, find, timeout, f"the result of {request_id}")

    def invoke(self, event, **kwargs):
        return self.wait_result(self.enqueue(event, **kwargs))

    def wait_init_error(self, timeout=TIMEOUT):
        def find():
            return next((r for r in self.records if r.path.endswith("/runtime/init/error")), None)
        with self.condition:
            return wait_until(self.condition, find, timeout, "an init error")

    def wait_for_next(self, count=1, timeout=TIMEOUT):
        """Waits until the runtime has asked for ``count`` events (it is then idle, waiting)."""
        with self.condition:
            wait_until(self.condition, lambda: sum(1 for r in self.records if r.path.endswith("/invocation/next")) >= count,
                       timeout, f"{count} /next requests")

    # ------------------------------------------------------------------ the server

    def _record(self, record):
        with self.condition:
            self.records.append(record)
            self.condition.notify_all()

    def _handler_class(self):
        api = self
        base = f"/{api.prefix}/2018-06-01/runtime/"

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as two writes

            def log_message(self, *args):
                pass

            def _send(self, status, body=b"", headers=None):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                api._record(Record("GET", self.path, dict(self.headers), b"", self.client_address))
                if api.refuse_with:
                    return self._send(api.refuse_with, b'{"errorMessage":"refused","errorType":"AccessDeniedException"}')
                if self.path != base + "invocation/next":
                    return self._send(404, b'{"errorMessage":"not found"}')
                while not api._stopping.is_set():
                    try:
                        headers, body = api._events.get(timeout=0.2)
                    except queue.Empty:
                        continue
                    self._send(200, body, headers)
                    if api.close_after_next:
                        self.close_connection = True
                    return
                self.close_connection = True

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                api._record(Record("POST", self.path, dict(self.headers), body, self.client_address))
                if api.refuse_with:
                    return self._send(api.refuse_with, b'{"errorMessage":"refused"}')
                if not self.path.startswith(base):
                    return self._send(404, b'{"errorMessage":"not found"}')
                self._send(202, b'{"status":"OK"}')

        return Handler


class FakeGateway:
    """A stand-in for the local gateway's @connections API: records the requests it gets and answers
    200 with an empty body, as PostToConnection does."""

    def __init__(self):
        self.requests = []
        self.condition = threading.Condition()
        gateway = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as two writes

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with gateway.condition:
                    gateway.requests.append((self.command, self.path, self.headers, body))
                    gateway.condition.notify_all()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def wait_request(self, timeout=TIMEOUT):
        with self.condition:
            return wait_until(self.condition, lambda: self.requests and self.requests[0], timeout, "a gateway request")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class RuntimeProcess:
    """``python3 lambda_runtime.py`` as the host starts it, with its output collected line by line."""

    def __init__(self, api_address, handler, task_root, env=None):
        environment = {k: v for k, v in os.environ.items()
                       if not k.startswith(("AWS_", "_HANDLER", "_X_AMZN", "LAMBDA_", "WEBSOCKETASPIRE_", "PYTHON"))}
        environment.update({
            "PYTHONDONTWRITEBYTECODE": "1",
            "AWS_LAMBDA_RUNTIME_API": api_address,
            "_HANDLER": handler,
            "LAMBDA_TASK_ROOT": str(task_root),
            "AWS_LAMBDA_FUNCTION_NAME": "TestFunction",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/TestFunction",
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "AKIDLOCAL",
            "AWS_SECRET_ACCESS_KEY": "local-secret",
        })
        for name, value in (env or {}).items():
            if value is None:
                environment.pop(name, None)
            else:
                environment[name] = value
        self.stdout = []
        self.stderr = []
        self.condition = threading.Condition()
        self.process = subprocess.Popen(
            [sys.executable, str(RUNTIME)], cwd=str(task_root), env=environment,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.stdout), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self.stderr), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, stream, lines):
        # Chunks, not lines: output without a newline must show up as soon as it is written.
        pending = b""
        while True:
            chunk = stream.read1(65536)
            with self.condition:
                if lines and pending:
                    lines.pop()  # the unfinished last line, appended again below with what followed
                pending += chunk
                *complete, pending = pending.split(b"\n")
                lines.extend(line.decode("utf-8", "replace") for line in complete)
                if pending:
                    lines.append(pending.decode("utf-8", "replace"))
                self.condition.notify_all()
            if not chunk:
                break
        stream.close()

    def wait_stdout(self, text, timeout=TIMEOUT):
        """The first stdout line (or the unfinished last one) containing ``text``."""
        with self.condition:
            return wait_until(self.condition, lambda: next((line for line in self.stdout if text in line), None),
                              timeout, f"a stdout line with {text!r}; got {self.stdout!r}")

    def wait_exit(self, timeout=TIMEOUT):
        code = self.process.wait(timeout)
        for reader in self._readers:
            reader.join(timeout)
        return code

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(TIMEOUT)
        for reader in self._readers:
            reader.join(TIMEOUT)


class RuntimeTestCase(unittest.TestCase):
    """A temporary task root, a fake Runtime API and helpers to start the runtime on them."""

    def setUp(self):
        folder = tempfile.TemporaryDirectory(prefix="wsa-python-runtime-")
        self.addCleanup(folder.cleanup)
        self.task_root = Path(folder.name)
        self.api = self.new_api()

    def new_api(self, **kwargs):
        api = FakeRuntimeApi(**kwargs)
        self.addCleanup(api.close)
        return api

    def write(self, relative, source):
        path = self.task_root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return path

    def start(self, handler, env=None, api=None, task_root=None):
        process = RuntimeProcess((api or self.api).address, handler, task_root or self.task_root, env)
        self.addCleanup(process.stop)
        return process
