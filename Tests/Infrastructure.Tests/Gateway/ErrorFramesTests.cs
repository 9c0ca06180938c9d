using WebSocketAspire.Infrastructure.Gateway;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class ErrorFramesTests
{
    [Fact]
    public void Forbidden_is_byte_exact()
    {
        Assert.Equal(
            """{"message": "Forbidden", "connectionId":"XDmENcnwIE0CFEQ=", "requestId":"XDmGEE2RoE0FRdQ="}""",
            ErrorFrames.Forbidden("XDmENcnwIE0CFEQ=", "XDmGEE2RoE0FRdQ="));
    }

    [Fact]
    public void InternalServerError_is_byte_exact()
    {
        Assert.Equal(
            """{"message": "Internal server error", "connectionId":"Qyi07eCbtjMCJKw=", "requestId":"Qyi3UG41tjMFlUg="}""",
            ErrorFrames.InternalServerError("Qyi07eCbtjMCJKw=", "Qyi3UG41tjMFlUg="));
    }

    [Fact]
    public void BadRequestBody_uses_the_developer_guide_wording()
    {
        Assert.Equal(
            """{"message" : "Bad request body", "connectionId": "c1", "messageId": "m1"}""",
            ErrorFrames.BadRequestBody("c1", "m1"));
    }
}
