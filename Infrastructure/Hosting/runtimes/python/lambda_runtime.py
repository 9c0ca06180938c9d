"""WebSocketAspire's runtime interface client for Python Lambda functions.

Runs one function instance the way AWS Lambda's managed Python runtime does: it imports the handler
named by ``_HANDLER`` from ``LAMBDA_TASK_ROOT`` and then loops on the Lambda Runtime API (2018-06-01)
at ``AWS_LAMBDA_RUNTIME_API``: get the next event, call ``handler(event, context)``, post the result
or the error. Written from the AWS documentation of the Runtime API and of the Python runtime's
observable behaviour (error shapes and messages, the context object, logging); standard library only.

The host starts it as ``python3 lambda_runtime.py`` with the function's CodeUri as working directory
and Lambda's environment variables. Two more variables are ours:

``WEBSOCKETASPIRE_EXECUTE_API``
    ``{host}={localBaseUrl}`` (several may be joined with ``;``). botocore requests to that
    execute-api host (``https://{api}.execute-api.{region}.amazonaws.com/{stage}``, as handlers
    build it for the ``apigatewaymanagementapi`` client) are sent to the local gateway instead;
    path, query and the signed ``Host`` header stay as they were.
``WEBSOCKETASPIRE_RUNTIME_VERSION``
    The template's runtime (``python3.12``); a one-line notice is printed when this interpreter is
    another version, and the version-dependent behaviour (JSON escaping) follows the template.
"""

import decimal
import http.client
import importlib
import importlib.abc
import importlib.util
import json
import logging
import os
import re
import secrets
import signal
import socket
import sys
import time
import traceback
import urllib.parse

API_VERSION = "2018-06-01"
ERROR_CONTENT_TYPE = "application/vnd.aws.lambda.error+json"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
EXECUTE_API_VARIABLE = "WEBSOCKETASPIRE_EXECUTE_API"
RUNTIME_VERSION_VARIABLE = "WEBSOCKETASPIRE_RUNTIME_VERSION"

_THIS_FILE = os.path.abspath(__file__)

# The request id of the invocation in progress, for the log records of the root logger's handler.
_current_request_id = ""
_current_tenant_id = None


# ---------------------------------------------------------------------------------------- errors

class RuntimeFault(Exception):
    """An error the runtime itself reports (``Runtime.*``), as opposed to one raised by the handler."""

    def __init__(self, error_type, message, stack_trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack_trace = stack_trace or []


class RuntimeApiError(Exception):
    """The Runtime API answered with an unexpected status."""

    def __init__(self, operation, status, body):
        super().__init__(f"{operation}: HTTP {status} {body.decode('utf-8', 'replace').strip()}")
        self.status = status


class RuntimeApiUnreachable(Exception):
    """The Runtime API could not be reached (refused, reset, closed)."""


def error_payload(message, error_type, stack_trace, request_id=""):
    """Lambda's error document: ``{errorMessage, errorType, requestId, stackTrace}``."""
    return {
        "errorMessage": message or "",
        "errorType": error_type or "",
        "requestId": request_id or "",
        "stackTrace": stack_trace or [],
    }


_IMPORTLIB = os.path.abspath(importlib.__file__)


def _is_runtime_frame(filename):
    return (filename.startswith("<frozen importlib")
            or os.path.abspath(filename) in (_THIS_FILE, _IMPORTLIB))


def user_stack_trace(tb):
    """The formatted frames of a traceback, without the leading frames of the runtime and of the
    import machinery that loaded the handler's module."""
    frames = traceback.extract_tb(tb)
    first = 0
    while first < len(frames) and _is_runtime_frame(frames[first].filename):
        first += 1
    return traceback.format_list(frames[first:])


def exception_payload(exc, request_id=""):
    if isinstance(exc, RuntimeFault):
        return error_payload(exc.message, exc.error_type, exc.stack_trace, request_id)
    return error_payload(str(exc), type(exc).__name__, user_stack_trace(exc.__traceback__), request_id)


# ---------------------------------------------------------------------------------------- handler

def load_handler(handler_name):
    """Imports ``module.function`` (``pkg/module.function`` and ``pkg.module.function`` too) and
    returns the function, raising the ``RuntimeFault`` Lambda reports when that is not possible.
    An exception the module raises while it loads propagates as it is (Lambda reports it with its
    own type and stack trace)."""
    if "." not in handler_name:
        # The message is the ValueError of unpacking ``handler.rsplit(".", 1)``, as Lambda words it.
        raise RuntimeFault(
            "Runtime.MalformedHandlerName",
            f"Bad handler '{handler_name}': not enough values to unpack (expected 2, got 1)",
        )
    module_name, function_name = handler_name.rsplit(".", 1)
    import_name = module_name.replace("/", ".")
    if import_name.split(".")[0] in sys.builtin_module_names:
        raise RuntimeFault(
            "Runtime.BuiltInModuleConflict",
            f"Cannot use built-in module {module_name} as a handler module",
        )
    try:
        module = importlib.import_module(import_name)
    except ImportError as e:
        raise RuntimeFault(
            "Runtime.ImportModuleError", f"Unable to import module '{module_name}': {e}"
        ) from e
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise RuntimeFault(
            "Runtime.UserCodeSyntaxError", f"Syntax error in module '{module_name}': {e}", trace
        ) from e
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise RuntimeFault(
            "Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'"
        ) from None


def prepare_sys_path(task_root):
    """The function's folder comes first, so its own packages win over this machine's; the runtime's
    folder (Python put it first, as the folder of the script) is dropped so that it shadows nothing."""
    def real(path):
        return os.path.normcase(os.path.realpath(path or os.curdir))

    here = real(os.path.dirname(_THIS_FILE))
    sys.path[:] = [p for p in sys.path if real(p) != here]
    if task_root:
        task_root = os.path.abspath(task_root)
        sys.path[:] = [p for p in sys.path if real(p) != real(task_root)]
        sys.path.insert(0, task_root)


# ---------------------------------------------------------------------------------------- JSON

class _DecimalEncoder(json.JSONEncoder):
    """json.dumps as Lambda's Python runtime does it: Decimal values (what boto3 returns for DynamoDB
    numbers) are written as the exact number they hold, NaN ones as NaN.

    The standard encoder cannot emit raw text, so a Decimal is first written as a string carrying a
    per-process random marker and the marker strings are replaced by the bare number afterwards."""

    _marker = "\x00" + secrets.token_hex(8) + ":"
    _pattern = re.compile('"\\\\u0000' + _marker[1:] + '([^"]*)"')

    def __init__(self, ensure_ascii):
        super().__init__(ensure_ascii=ensure_ascii)
        self.saw_decimal = False

    def default(self, o):
        if isinstance(o, decimal.Decimal):
            self.saw_decimal = True
            return self._marker + ("NaN" if o.is_nan() else str(o))
        return super().default(o)

    def encode(self, o):
        self.saw_decimal = False
        text = super().encode(o)
        return self._pattern.sub(r"\1", text) if self.saw_decimal else text


def marshal_response(result, ensure_ascii):
    """The response body and its content type; bytes are passed through untouched, as Lambda does."""
    if isinstance(result, (bytes, bytearray)):
        return bytes(result), "application/unknown"
    try:
        return _DecimalEncoder(ensure_ascii).encode(result).encode("utf-8"), "application/json"
    except Exception as e:  # noqa: BLE001 - any failure to serialise is Lambda's MarshalError
        raise RuntimeFault("Runtime.MarshalError", f"Unable to marshal response: {e}") from None


def unmarshal_event(body, content_type):
    if content_type and content_type.split(";")[0].strip().lower() != "application/json":
        return body
    try:
        return json.loads(body)
    except Exception as e:  # noqa: BLE001
        raise RuntimeFault("Runtime.UnmarshalError", f"Unable to unmarshal input: {e}") from None


# ---------------------------------------------------------------------------------------- context

class CognitoIdentity:
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, identity_id=None, pool_id=None):
        self.cognito_identity_id = identity_id
        self.cognito_identity_pool_id = pool_id

    def __repr__(self):
        return (f"CognitoIdentity([cognito_identity_id={self.cognito_identity_id},"
                f"cognito_identity_pool_id={self.cognito_identity_pool_id}])")


class Client:
    __slots__ = ("installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name")

    def __init__(self, values):
        for name in self.__slots__:
            setattr(self, name, values.get(name))


class ClientContext:
    __slots__ = ("custom", "env", "client")

    def __init__(self, values):
        self.custom = values.get("custom")
        self.env = values.get("env")
        client = values.get("client")
        self.client = Client(client) if isinstance(client, dict) else None


class LambdaContext:
    """The ``context`` argument, with the attributes and methods of Lambda's Python runtime.
    Like there, ``memory_limit_in_mb`` is the environment variable's string."""

    def __init__(self, request_id, deadline_ms, invoked_function_arn, client_context=None,
                 cognito_identity=None, tenant_id=None):
        environ = os.environ
        self.aws_request_id = request_id
        self.log_group_name = environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id
        self.client_context = ClientContext(client_context) if isinstance(client_context, dict) else None
        identity = cognito_identity if isinstance(cognito_identity, dict) else {}
        self.identity = CognitoIdentity(identity.get("cognitoIdentityId"), identity.get("cognitoIdentityPoolId"))
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, message):
        sys.stdout.write(str(message))

    def __repr__(self):
        return (f"LambdaContext([aws_request_id={self.aws_request_id},log_group_name={self.log_group_name},"
                f"log_stream_name={self.log_stream_name},function_name={self.function_name},"
                f"memory_limit_in_mb={self.memory_limit_in_mb},function_version={self.function_version},"
                f"invoked_function_arn={self.invoked_function_arn},client_context={self.client_context},"
                f"identity={self.identity},tenant_id={self.tenant_id}])")


def _json_header(value, name):
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError as e:
        raise RuntimeFault("Runtime.LambdaContextUnmarshalError", f"Unable to parse {name} JSON: {e}") from None


# ---------------------------------------------------------------------------------------- logging

class Unbuffered:
    """Flushes after every write, so that each ``print`` reaches the host at once."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        written = self._stream.write(text)
        self._stream.flush()
        return written

    def writelines(self, lines):
        self._stream.writelines(lines)
        self._stream.flush()

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id
        record.tenant_id = _current_tenant_id
        return True


class _StdoutHandler(logging.Handler):
    """Writes each formatted record to the current sys.stdout. Lambda's format ends with a newline;
    one is added where the logging module appended a traceback after it."""

    def emit(self, record):
        try:
            text = self.format(record)
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        except Exception:  # noqa: BLE001 - logging must never break the handler
            self.handleError(record)


class _JsonFormatter(logging.Formatter):
    """Lambda's JSON log format (``AWS_LAMBDA_LOG_FORMAT=JSON``): one object per record with
    timestamp, level, message, logger and requestId, the exception if any, and extra attributes."""

    _standard = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
        "message", "asctime", "aws_request_id", "tenant_id"}

    def format(self, record):
        created = time.gmtime(record.created)
        document = {
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", created) + ".%03dZ" % record.msecs,
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "requestId": getattr(record, "aws_request_id", None) or None,
        }
        if getattr(record, "tenant_id", None) is not None:
            document["tenantId"] = record.tenant_id
        if record.exc_info and record.exc_info[0] is not None:
            document["errorType"] = record.exc_info[0].__name__
            document["errorMessage"] = str(record.exc_info[1])
            document["stackTrace"] = traceback.format_tb(record.exc_info[2])
            document["location"] = f"{record.pathname}:{record.funcName}:{record.lineno}"
        for key, value in vars(record).items():
            if key not in self._standard and key not in document:
                document[key] = value
        document = {k: v for k, v in document.items() if v is not None}
        return json.dumps(document, ensure_ascii=False, default=str) + "\n"


_LEVELS = {"TRACE": "DEBUG", "DEBUG": "DEBUG", "INFO": "INFO", "WARN": "WARNING", "WARNING": "WARNING",
           "ERROR": "ERROR", "FATAL": "CRITICAL", "CRITICAL": "CRITICAL"}


def setup_logging(log_format, log_level):
    """The root logger as Lambda sets it up: one handler writing to stdout with the request id.
    Text format keeps Python's default level (WARNING) unless ``AWS_LAMBDA_LOG_LEVEL`` names one;
    JSON format defaults to INFO, as Lambda's advanced logging controls do."""
    logging.Formatter.converter = time.gmtime
    handler = _StdoutHandler()
    if log_format == "JSON":
        handler.setFormatter(_JsonFormatter())
        log_level = log_level or "INFO"
    else:
        handler.setFormatter(logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = _LEVELS.get((log_level or "").upper())
    if level:
        root.setLevel(level)


def log_error(error, log_format):
    """The ``[ERROR] Type: message`` entry Lambda writes when an invocation or the init fails.
    (Lambda joins its lines with carriage returns for CloudWatch; here they are real lines.)"""
    if log_format == "JSON":
        now = time.time()
        document = {"timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + ".%03dZ" % (now % 1 * 1000),
                    "level": "ERROR", **error}
        sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
        return
    head = "[ERROR]"
    if error["errorType"]:
        head += " " + error["errorType"] + (":" if error["errorMessage"] else "")
    if error["errorMessage"]:
        head += " " + error["errorMessage"]
    lines = [head, "Traceback (most recent call last):"]
    for entry in error["stackTrace"]:
        lines.extend(entry.splitlines() or [""])
    sys.stdout.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------- execute-api

def parse_execute_api_routes(value):
    """``host=url[;host=url...]`` → {host (lower case): (scheme, netloc, path prefix)}."""
    routes = {}
    for entry in (value or "").split(";"):
        host, sep, base = entry.strip().partition("=")
        parts = urllib.parse.urlsplit(base.strip())
        if not sep or not host.strip() or parts.scheme not in ("http", "https") or not parts.netloc:
            if entry.strip():
                sys.stderr.write(f"WebSocketAspire: ignoring {EXECUTE_API_VARIABLE} entry '{entry.strip()}' "
                                 "(expected host=http://127.0.0.1:port)\n")
            continue
        routes[host.strip().lower()] = (parts.scheme, parts.netloc, parts.path.rstrip("/"))
    return routes


def route_request_url(url, routes):
    """The local URL for ``url`` and the Host header it was signed with, or None if not routed."""
    parts = urllib.parse.urlsplit(url)
    target = routes.get((parts.hostname or "").lower())
    if target is None:
        return None
    scheme, netloc, prefix = target
    original_host = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit((scheme, netloc, prefix + parts.path, parts.query, "")), original_host


def _make_before_send(routes):
    def route_execute_api(request, **_):
        routed = route_request_url(request.url, routes)
        if routed is not None:
            local_url, original_host = routed
            # SigV4 signed the execute-api host; the gateway checks the signature against Host.
            if "Host" not in request.headers:
                request.headers["Host"] = original_host
            request.url = local_url
        return None  # let botocore send the (re-addressed) request itself

    return route_execute_api


class _BotocoreHook(importlib.abc.MetaPathFinder):
    """Adds our ``before-send`` handler to ``botocore.handlers.BUILTIN_HANDLERS`` (which every botocore
    session registers when it is created) as soon as the function's code imports botocore, whichever
    copy it imports (its own from CodeUri, or this machine's). Functions that never import botocore
    don't pay for importing it."""

    def __init__(self, handler):
        self._handler = handler
        self._resolving = False
        self.done = False

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "botocore.handlers" or self._resolving or self.done:
            return None
        self._resolving = True
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            self._resolving = False
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        self.done = True
        spec.loader = _LoaderThen(spec.loader, self.register)
        return spec

    def register(self, handlers_module):
        try:
            handlers_module.BUILTIN_HANDLERS.append(("before-send", self._handler))
        except Exception as e:  # noqa: BLE001 - an unknown botocore: run without the rewrite
            sys.stderr.write(f"WebSocketAspire: cannot route execute-api requests locally ({e})\n")


class _LoaderThen(importlib.abc.Loader):
    """Delegates to a module's own loader, then calls ``after(module)`` once it has run."""

    def __init__(self, loader, after):
        self._loader = loader
        self._after = after

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._after(module)

    def __getattr__(self, name):  # get_source, get_resource_reader, is_package, ...
        return getattr(self._loader, name)


def install_execute_api_routes(routes):
    """Routes botocore requests for the execute-api hosts in ``routes`` to their local URLs."""
    if not routes:
        return None
    hook = _BotocoreHook(_make_before_send(routes))
    handlers_module = sys.modules.get("botocore.handlers")
    if handlers_module is not None:
        hook.done = True
        hook.register(handlers_module)
    else:
        sys.meta_path.insert(0, hook)
    return hook


# ---------------------------------------------------------------------------------------- Runtime API

class Invocation:
    __slots__ = ("request_id", "deadline_ms", "function_arn", "trace_id", "client_context",
                 "cognito_identity", "tenant_id", "content_type", "body")

    def __init__(self, headers, body):
        """``headers``: the /next response's headers, keyed in lower case."""
        self.request_id = headers.get("lambda-runtime-aws-request-id") or ""
        try:
            self.deadline_ms = int(headers.get("lambda-runtime-deadline-ms") or 0)
        except ValueError:
            self.deadline_ms = 0
        self.function_arn = headers.get("lambda-runtime-invoked-function-arn")
        self.trace_id = headers.get("lambda-runtime-trace-id")
        self.client_context = headers.get("lambda-runtime-client-context")
        self.cognito_identity = headers.get("lambda-runtime-cognito-identity")
        self.tenant_id = headers.get("lambda-runtime-aws-tenant-id")
        self.content_type = headers.get("content-type")
        self.body = body


class RuntimeApiClient:
    """The Runtime API over one kept-alive HTTP/1.1 connection.

    ``AWS_LAMBDA_RUNTIME_API`` is ``host:port`` on AWS; the local service adds a path prefix
    (``127.0.0.1:41234/Function.3.token``) that goes in front of ``/2018-06-01``."""

    # A connection the server closed while it sat idle shows up as one of these on the next request.
    _STALE = (ConnectionError, http.client.HTTPException)

    def __init__(self, address):
        address = address.strip()
        host, _, prefix = address.partition("/")
        prefix = prefix.strip("/")
        self.address = address
        self._host = host
        self._base = ("/" + prefix if prefix else "") + "/" + API_VERSION + "/runtime"
        self._connection = None

    def _connect(self):
        connection = http.client.HTTPConnection(self._host, timeout=None)
        connection.connect()
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection

    def _request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            try:
                if self._connection is None:
                    self._connection = self._connect()
                self._connection.request(method, self._base + path, body=body, headers=headers or {})
                response = self._connection.getresponse()
                data = response.read()
                if response.will_close:
                    self._close()
                return response.status, {name.lower(): value for name, value in response.getheaders()}, data
            except self._STALE as e:
                self._close()
                if attempt == 2 or isinstance(e, ConnectionRefusedError):
                    raise RuntimeApiUnreachable(f"{type(e).__name__}: {e}") from e
            except OSError as e:
                self._close()
                raise RuntimeApiUnreachable(f"{type(e).__name__}: {e}") from e
        raise AssertionError("unreachable")

    def _close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def next(self):
        status, headers, body = self._request("GET", "/invocation/next")
        if status != 200:
            raise RuntimeApiError("next", status, body)
        return Invocation(headers, body)

    def post_response(self, request_id, body, content_type):
        self._post(f"/invocation/{_quote(request_id)}/response", "response", body, {"Content-Type": content_type})

    def post_error(self, request_id, error):
        self._post(f"/invocation/{_quote(request_id)}/error", "error", *_error_request(error))

    def post_init_error(self, error):
        self._post("/init/error", "init/error", *_error_request(error))

    def _post(self, path, operation, body, headers):
        status, _, data = self._request("POST", path, body, headers)
        if status != 202:
            raise RuntimeApiError(operation, status, data)


def _quote(request_id):
    return urllib.parse.quote(request_id, safe="")


def _error_request(error):
    error_type = error.get("errorType") or "Unhandled"
    if not error_type.isascii() or not error_type.isprintable():
        error_type = "Unhandled"
    body = json.dumps(error, ensure_ascii=False).encode("utf-8")
    return body, {"Content-Type": ERROR_CONTENT_TYPE, ERROR_TYPE_HEADER: error_type}


# ---------------------------------------------------------------------------------------- the loop

class Runtime:
    def __init__(self, client, handler, ensure_ascii, log_format):
        self._client = client
        self._handler = handler
        self._ensure_ascii = ensure_ascii
        self._log_format = log_format

    def run(self):
        """Serves invocations until the Runtime API refuses this instance or goes away."""
        while True:
            invocation = self._client.next()
            self.invoke(invocation)

    def invoke(self, invocation):
        global _current_request_id, _current_tenant_id
        request_id = invocation.request_id
        _current_request_id = request_id
        _current_tenant_id = invocation.tenant_id
        if invocation.trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = invocation.trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)

        error = None
        try:
            context = LambdaContext(
                request_id, invocation.deadline_ms, invocation.function_arn,
                _json_header(invocation.client_context, "Client Context"),
                _json_header(invocation.cognito_identity, "Cognito Identity"),
                invocation.tenant_id)
            event = unmarshal_event(invocation.body, invocation.content_type)
            result = self._handler(event, context)
            body, content_type = marshal_response(result, self._ensure_ascii)
        except Exception as e:  # noqa: BLE001 - every handler failure is the invocation's error
            error = exception_payload(e, request_id)

        try:
            if error is None:
                self._client.post_response(request_id, body, content_type)
            else:
                log_error(error, self._log_format)
                self._client.post_error(request_id, error)
        except RuntimeApiError as e:
            if e.status == 403:
                raise
            # e.g. 413 for a response over 6 MB: that invocation is lost, the next one may be fine.
            sys.stderr.write(f"WebSocketAspire: reporting request {request_id} failed: {e}\n")


# ---------------------------------------------------------------------------------------- start-up

def requested_version():
    """(major, minor) of ``WEBSOCKETASPIRE_RUNTIME_VERSION`` (``python3.12``), or None."""
    match = re.fullmatch(r"python(\d+)\.(\d+)", os.environ.get(RUNTIME_VERSION_VARIABLE, "").strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def _configure_streams():
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not os.environ.get("PYTHONIOENCODING") and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        setattr(sys, name, Unbuffered(stream))


def _default_environment(version):
    """Variables Lambda always sets that a host may leave out."""
    environ = os.environ
    environ.setdefault("AWS_EXECUTION_ENV", "AWS_Lambda_python%d.%d" % version)
    if not environ.get("AWS_LAMBDA_LOG_STREAM_NAME"):
        environ["AWS_LAMBDA_LOG_STREAM_NAME"] = "%s/[%s]%s" % (
            time.strftime("%Y/%m/%d", time.gmtime()), environ.get("AWS_LAMBDA_FUNCTION_VERSION") or "$LATEST",
            secrets.token_hex(16))


def _stop(signum, _frame):
    raise SystemExit(0)


def main():
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    _configure_streams()

    address = os.environ.get("AWS_LAMBDA_RUNTIME_API", "").strip()
    if not address:
        sys.stderr.write("WebSocketAspire: AWS_LAMBDA_RUNTIME_API is not set; this runtime is started by the local stack.\n")
        return 1

    requested = requested_version()
    running = sys.version_info
    if requested is not None and requested != (running.major, running.minor):
        print("WebSocketAspire: the template asks for python%d.%d; running it on Python %d.%d.%d (this machine's)."
              % (requested + (running.major, running.minor, running.micro)))
    version = requested or (running.major, running.minor)
    _default_environment(version)

    log_format = "JSON" if os.environ.get("AWS_LAMBDA_LOG_FORMAT", "").upper() == "JSON" else "TEXT"
    setup_logging(log_format, os.environ.get("AWS_LAMBDA_LOG_LEVEL"))
    # Lambda's Python 3.12 and later runtimes write non-ASCII characters as they are; earlier ones escape them.
    ensure_ascii = version < (3, 12)

    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    prepare_sys_path(task_root)
    install_execute_api_routes(parse_execute_api_routes(os.environ.get(EXECUTE_API_VARIABLE)))

    client = RuntimeApiClient(address)
    try:
        try:
            handler = load_handler(os.environ.get("_HANDLER", ""))
        except Exception as e:  # noqa: BLE001 - every init failure is reported to the Runtime API
            error = exception_payload(e)
            log_error(error, log_format)
            client.post_init_error(error)
            return 1
        Runtime(client, handler, ensure_ascii, log_format).run()
    except RuntimeApiUnreachable as e:
        sys.stderr.write(f"WebSocketAspire: the Lambda Runtime API at {address} is unreachable ({e}); the runtime exits.\n")
        return 1
    except RuntimeApiError as e:
        reason = " (this process is not a started instance of the function)" if e.status == 403 else ""
        sys.stderr.write(f"WebSocketAspire: the Lambda Runtime API refused {e}{reason}; the runtime exits.\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
