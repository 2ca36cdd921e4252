using System.Text;
using System.Text.Json;

namespace OrleansRides.LoadGen.Tests;

public sealed class SignalRFramingTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static List<string> Split(RecordSplitter splitter, params string[] reads)
    {
        var records = new List<string>();
        foreach (var read in reads)
        {
            splitter.Feed(Bytes(read), record => records.Add(Encoding.UTF8.GetString(record)));
        }
        return records;
    }

    [Fact]
    public void A_record_split_across_reads_is_handed_over_once_whole()
    {
        var records = Split(new RecordSplitter(), "{\"type\":1,\"tar", "get\":\"locationUpdated\",", "\"arguments\":[]}\u001e");

        Assert.Equal(["{\"type\":1,\"target\":\"locationUpdated\",\"arguments\":[]}"], records);
    }

    [Fact]
    public void Several_records_in_one_read_are_handed_over_in_order()
    {
        var records = Split(new RecordSplitter(), "{}\u001e{\"type\":6}\u001e{\"type\":1,\"target\":\"a\"}\u001e{\"type\":3,");

        Assert.Equal(["{}", "{\"type\":6}", "{\"type\":1,\"target\":\"a\"}"], records);
    }

    [Fact]
    public void The_rest_of_a_read_starts_the_next_record()
    {
        var records = Split(new RecordSplitter(), "{\"type\":6}\u001e{\"type\":3,\"invocation", "Id\":\"7\"}\u001e");

        Assert.Equal(["{\"type\":6}", "{\"type\":3,\"invocationId\":\"7\"}"], records);
    }

    [Fact]
    public void The_handshake_answer_is_not_a_message_type()
    {
        Assert.Equal(SignalRRecord.Other, SignalRRecord.TypeOf(Bytes("{}")));
        Assert.Equal(SignalRRecord.Other, SignalRRecord.TypeOf(Bytes("{\"error\":\"Requested protocol 'x' is not available.\"}")));
        Assert.Equal(SignalRRecord.Ping, SignalRRecord.TypeOf(Bytes("{\"type\":6}")));
        Assert.Equal(SignalRRecord.Close, SignalRRecord.TypeOf(Bytes("{\"type\":7,\"error\":\"bye\"}")));
        Assert.Equal(SignalRRecord.Invocation, SignalRRecord.TypeOf(Bytes("{\"type\":1,\"target\":\"newMessage\"}")));
    }

    [Fact]
    public void A_completion_with_an_error_carries_its_id_and_text()
    {
        var completion = SignalRRecord.ParseCompletion(Bytes("{\"type\":3,\"invocationId\":\"42\",\"error\":\"RATE_LIMITED\"}"));

        Assert.Equal(("42", "RATE_LIMITED"), completion);
    }

    [Fact]
    public void A_completion_with_a_result_has_no_error()
    {
        var record = Bytes("{\"type\":3,\"invocationId\":\"5\",\"result\":{\"ok\":true}}");

        Assert.Equal(SignalRRecord.Completion, SignalRRecord.TypeOf(record));
        Assert.Equal(("5", (string?)null), SignalRRecord.ParseCompletion(record));
    }

    [Fact]
    public void An_invocation_is_one_json_record_ending_with_the_separator()
    {
        var bytes = Framing.SignalRInvocation(9, "UpdateLocation", "[\"CODE\",{\"lat\":1}]");

        Assert.Equal(Framing.RecordSeparator, bytes[^1]);
        using var json = JsonDocument.Parse(bytes.AsMemory(0, bytes.Length - 1));
        Assert.Equal(1, json.RootElement.GetProperty("type").GetInt32());
        Assert.Equal("9", json.RootElement.GetProperty("invocationId").GetString());
        Assert.Equal("UpdateLocation", json.RootElement.GetProperty("target").GetString());
        Assert.Equal("CODE", json.RootElement.GetProperty("arguments")[0].GetString());
    }
}
