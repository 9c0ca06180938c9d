using Microsoft.Extensions.Time.Testing;
using WebSocketAspire.AppHost.Dashboard.Telemetry;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Telemetry;

public sealed class ConsoleTailTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Lines_are_numbered_per_resource_and_stamped_with_the_injected_clock()
    {
        var repository = new TelemetryRepository(_time);
        Assert.Equal(1, repository.AddConsoleLine("dynalite", "listening"));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, repository.AddConsoleLine("connect", "ready"));
        Assert.Equal(2, repository.AddConsoleLine("dynalite", "request"));

        var slice = repository.ConsoleLines("dynalite");

        Assert.Equal(["listening", "request"], slice.Lines.Select(l => l.Text));
        Assert.Equal(_time.GetUtcNow(), slice.Lines[1].Timestamp);
        Assert.Equal(2, slice.LastSequence);
        Assert.Equal(["connect", "dynalite"], repository.ConsoleResources());
    }

    [Fact]
    public void Tailing_after_the_last_sequence_returns_only_new_lines()
    {
        var repository = new TelemetryRepository(_time);
        repository.AddConsoleLine("r", "a");
        var first = repository.ConsoleLines("r");

        Assert.Empty(repository.ConsoleLines("r", first.LastSequence).Lines);
        Assert.Equal(first.LastSequence, repository.ConsoleLines("r", first.LastSequence).LastSequence);

        repository.AddConsoleLine("r", "b");
        repository.AddConsoleLine("r", "c");
        var next = repository.ConsoleLines("r", first.LastSequence);
        Assert.Equal(["b", "c"], next.Lines.Select(l => l.Text));
        Assert.Equal(3, next.LastSequence);

        var page = repository.ConsoleLines("r", 0, max: 2);
        Assert.Equal(["a", "b"], page.Lines.Select(l => l.Text));
        Assert.Equal(2, page.LastSequence);
    }

    [Fact]
    public void Each_resource_keeps_a_bounded_ring_and_a_reader_behind_it_resumes_at_the_oldest_kept_line()
    {
        var repository = new TelemetryRepository(_time, new TelemetryLimits { MaxConsoleLinesPerResource = 3 });
        for (var i = 1; i <= 5; i++)
        {
            repository.AddConsoleLine("r", "line " + i);
        }
        repository.AddConsoleLine("other", "x");

        Assert.Equal(["line 3", "line 4", "line 5"], repository.ConsoleLines("r").Lines.Select(l => l.Text));
        Assert.Equal([3L, 4L, 5L], repository.ConsoleLines("r", 1).Lines.Select(l => l.Sequence));
        Assert.Equal(["line 5"], repository.ConsoleLines("r", 4).Lines.Select(l => l.Text));
        Assert.Single(repository.ConsoleLines("other").Lines);
    }

    [Fact]
    public void An_unknown_resource_has_no_lines()
    {
        var slice = new TelemetryRepository(_time).ConsoleLines("ghost", 7);
        Assert.Empty(slice.Lines);
        Assert.Equal(7, slice.LastSequence);
    }

    [Fact]
    public async Task Concurrent_writers_lose_no_sequence_numbers()
    {
        var repository = new TelemetryRepository(_time, new TelemetryLimits { MaxConsoleLinesPerResource = 10_000 });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                repository.AddConsoleLine("r", $"{w}:{i}");
            }
        })));

        var lines = repository.ConsoleLines("r").Lines;
        Assert.Equal(4_000, lines.Count);
        Assert.Equal(Enumerable.Range(1, 4_000).Select(i => (long)i), lines.Select(l => l.Sequence));
    }
}
