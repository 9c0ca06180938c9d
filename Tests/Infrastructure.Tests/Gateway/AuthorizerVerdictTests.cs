using System.Text;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Lambda;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class AuthorizerVerdictTests
{
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/$connect";

    private static InvocationResult Returned(string payload) =>
        new() { RequestId = "r1", Payload = Encoding.UTF8.GetBytes(payload) };

    private static InvocationResult Failed(string errorMessage, string errorType = "Error") =>
        new() { RequestId = "r1", Payload = LambdaError.Create(errorType, errorMessage), ErrorType = errorType };

    private static string Policy(string effect, string resource, string action = "execute-api:Invoke", string context = "") =>
        """{"principalId":"user-1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"@ACTION@","Effect":"@EFFECT@","Resource":"@RESOURCE@"}]}@CONTEXT@}"""
            .Replace("@ACTION@", action, StringComparison.Ordinal)
            .Replace("@EFFECT@", effect, StringComparison.Ordinal)
            .Replace("@RESOURCE@", resource, StringComparison.Ordinal)
            .Replace("@CONTEXT@", context, StringComparison.Ordinal);

    private static string Arn(string json) => json.Replace("@ARN@", MethodArn, StringComparison.Ordinal);

    public static TheoryData<string, string, int> Results => new()
    {
        { "allow on the methodArn", Policy("Allow", MethodArn), 200 },
        { "allow on a wildcard resource", Policy("Allow", "arn:aws:execute-api:*:*:abc/*"), 200 },
        { "allow everything", Policy("Allow", "*"), 200 },
        { "allow with execute-api:*", Policy("Allow", MethodArn, action: "execute-api:*"), 200 },
        { "allow with action *", Policy("Allow", MethodArn, action: "*"), 200 },
        { "effect is case-insensitive", Policy("allow", MethodArn), 200 },
        { "explicit deny", Policy("Deny", MethodArn), 403 },
        { "deny on a wildcard", Policy("Deny", "arn:aws:execute-api:*"), 403 },
        { "allow on another api", Policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:other/prod/$connect"), 403 },
        { "allow on another stage", Policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:abc/dev/*"), 403 },
        { "resource case differs", Policy("Allow", MethodArn.ToUpperInvariant()), 403 },
        { "allow another action", Policy("Allow", MethodArn, action: "execute-api:ManageConnections"), 403 },
        { "empty statement list", """{"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[]}}""", 403 },
        {
            "deny wins over allow",
            Arn("""{"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"},{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"@ARN@"}]}}"""),
            403
        },
        {
            "allow listed among resources",
            Arn("""{"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":["execute-api:Invoke"],"Effect":"Allow","Resource":["arn:other","@ARN@"]}]}}"""),
            200
        },
        {
            "a single statement object",
            Arn("""{"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"@ARN@"}}}"""),
            200
        },
        { "not JSON", "allow", 500 },
        { "a JSON array", "[]", 500 },
        { "no principalId", Arn("""{"policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"@ARN@"}]}}"""), 500 },
        { "numeric principalId", Arn("""{"principalId":7,"policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"@ARN@"}]}}"""), 500 },
        { "no policyDocument", """{"principalId":"u"}""", 500 },
        { "policyDocument is a string", """{"principalId":"u","policyDocument":"allow"}""", 500 },
        { "no Statement", """{"principalId":"u","policyDocument":{"Version":"2012-10-17"}}""", 500 },
        { "statement is a string", """{"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":["allow"]}}""", 500 },
        { "context with an object", Policy("Allow", MethodArn, context: ""","context":{"user":{"id":1}}"""), 500 },
        { "context with an array", Policy("Allow", MethodArn, context: ""","context":{"roles":["a"]}"""), 500 },
    };

    [Theory]
    [MemberData(nameof(Results))]
    public void From_maps_the_result_to_a_status(string because, string payload, int status)
    {
        var verdict = AuthorizerVerdict.From(Returned(payload), MethodArn);

        Assert.True(status == verdict.StatusCode, $"{because}: expected {status}, got {verdict.StatusCode} ({verdict.Reason})");
        Assert.Equal(status == 200, verdict.IsAllowed);
        if (status != 200)
        {
            Assert.False(string.IsNullOrEmpty(verdict.Reason));
        }
    }

    [Theory]
    [InlineData("Unauthorized", "Error", 401)]
    [InlineData("Unauthorized", "Unhandled", 401)]
    [InlineData("unauthorized", "Error", 500)]
    [InlineData("Unauthorized ", "Error", 500)]
    [InlineData("Forbidden", "Error", 500)]
    [InlineData("boom", "Runtime.ExitError", 500)]
    [InlineData("2024-01-20T11:55:03.000Z r1 Task timed out after 3.00 seconds", "Sandbox.Timedout", 500)]
    public void From_maps_function_errors(string errorMessage, string errorType, int status)
    {
        Assert.Equal(status, AuthorizerVerdict.From(Failed(errorMessage, errorType), MethodArn).StatusCode);
    }

    [Fact]
    public void Allow_carries_the_principal_and_context_with_their_types()
    {
        var payload = Policy("Allow", MethodArn, context: ""","context":{"name":"ann","count":3,"ratio":1.5,"admin":true,"guest":false,"none":null}""");

        var verdict = AuthorizerVerdict.From(Returned(payload), MethodArn);

        Assert.True(verdict.IsAllowed);
        Assert.Equal("user-1", verdict.PrincipalId);
        Assert.Equal("ann", verdict.Context["name"]);
        Assert.Equal(1.5, verdict.Context["ratio"]);
        Assert.Equal(true, verdict.Context["admin"]);
        Assert.Equal(false, verdict.Context["guest"]);
        Assert.True(verdict.Context.ContainsKey("none"));
        Assert.Null(verdict.Context["none"]);
        Assert.Equal(3.0, Convert.ToDouble(verdict.Context["count"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Integral_context_values_stay_integers()
    {
        var payload = Policy("Allow", MethodArn, context: ""","context":{"count":3,"big":9007199254740993}""");

        var verdict = AuthorizerVerdict.From(Returned(payload), MethodArn);

        Assert.Equal(3L, Assert.IsType<long>(verdict.Context["count"]));
        Assert.Equal(9007199254740993L, Assert.IsType<long>(verdict.Context["big"]));
    }

    [Theory]
    [InlineData("execute-api:invoke")]
    [InlineData("Execute-Api:Invoke")]
    [InlineData("EXECUTE-API:*")]
    public void Action_names_match_case_insensitively(string action)
    {
        Assert.Equal(200, AuthorizerVerdict.From(Returned(Policy("Allow", MethodArn, action: action)), MethodArn).StatusCode);
    }

    [Fact]
    public void Allow_without_context_has_an_empty_context()
    {
        var verdict = AuthorizerVerdict.From(Returned(Policy("Allow", MethodArn)), MethodArn);

        Assert.True(verdict.IsAllowed);
        Assert.Empty(verdict.Context);
    }

    [Theory]
    [InlineData(8 * 1024, 200)]
    [InlineData(8 * 1024 + 1, 500)]
    public void From_enforces_the_8KB_result_limit(int size, int status)
    {
        var allow = Policy("Allow", MethodArn, context: ""","context":{"pad":"PAD"}""");
        var payload = allow.Replace("PAD", new string('x', size - allow.Length + 3), StringComparison.Ordinal);
        Assert.Equal(size, Encoding.UTF8.GetByteCount(payload));

        Assert.Equal(status, AuthorizerVerdict.From(Returned(payload), MethodArn).StatusCode);
    }

    private static string WithEffect(string effect) =>
        """{"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":@EFFECT@,"Resource":"*"}]}}"""
            .Replace("@EFFECT@", effect, StringComparison.Ordinal);

    [Fact]
    public void A_null_Effect_allows_nothing()
    {
        Assert.Equal(403, AuthorizerVerdict.From(Returned(WithEffect("null")), MethodArn).StatusCode);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("{\"Allow\":true}")]
    public void A_non_string_Effect_is_a_malformed_result(string effect)
    {
        var verdict = AuthorizerVerdict.From(Returned(WithEffect(effect)), MethodArn);

        Assert.Equal(500, verdict.StatusCode);
    }
}

public sealed class WildcardTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "abc", "abc", true },
        { "abc", "ABC", false },
        { "abc", "*", true },
        { "", "*", true },
        { "", "", true },
        { "", "?", false },
        { "abc", "a*", true },
        { "abc", "*c", true },
        { "abc", "a*c", true },
        { "abc", "a?c", true },
        { "abc", "a?", false },
        { "abc", "ab", false },
        { "ab", "abc", false },
        { "abc", "a**c", true },
        { "abcbc", "a*bc", true },
        { "aXbYc", "a*b*c", true },
        { "aXbY", "a*b*c", false },
        { "arn:aws:execute-api:us-east-1:123456789012:abc/prod/$connect", "arn:aws:execute-api:*:*:abc/*", true },
        { "arn:aws:execute-api:us-east-1:123456789012:abc/prod/$connect", "arn:aws:execute-api:*:*:abd/*", false },
        { "arn:aws:execute-api:us-east-1:123456789012:abc/prod/$connect", "arn:aws:execute-api:us-east-1:123456789012:abc/*/$connect", true },
        { "arn:aws:execute-api:us-east-1:123456789012:abc/prod/$connect", "arn:aws:execute-api:us-east-1:123456789012:abc/prod/$connec?", true },
        { "execute-api:Invoke", "execute-api:*", true },
        { "execute-api:Invoke", "execute-api:Invoke", true },
        { "execute-api:Invoke", "execute-api:invoke", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsMatch(string value, string pattern, bool expected)
    {
        Assert.Equal(expected, Wildcard.IsMatch(value, pattern));
    }
}
