using WebSocketAspire.Infrastructure.Template.Resolution;

namespace WebSocketAspire.Tests.Infrastructure.Template.Resolution;

public sealed class LocalIdsTests
{
    [Fact]
    public void Api_id_is_ten_lowercase_alphanumerics_and_deterministic()
    {
        var id = LocalIds.ApiId("stack", "Api");

        Assert.Matches("^[a-z0-9]{10}$", id);
        Assert.Equal(id, LocalIds.ApiId("stack", "Api"));
        Assert.NotEqual(id, LocalIds.ApiId("stack", "OtherApi"));
        Assert.NotEqual(id, LocalIds.ApiId("other-stack", "Api"));
    }
}
