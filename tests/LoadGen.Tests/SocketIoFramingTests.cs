using System.Text;

namespace OrleansRides.LoadGen.Tests;

public sealed class SocketIoFramingTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Engine_open_ping_and_pong_are_recognised()
    {
        var open = EnginePacket.Parse(Bytes("0{\"sid\":\"abc\",\"pingInterval\":25000}"));
        Assert.Equal(EnginePacket.Open, open.EngineType);
        Assert.Equal("{\"sid\":\"abc\",\"pingInterval\":25000}", Encoding.UTF8.GetString(open.Payload));

        Assert.Equal(EnginePacket.Ping, EnginePacket.Parse(Bytes("2")).EngineType);
        Assert.Equal(EnginePacket.Pong, EnginePacket.Parse(Bytes("3")).EngineType);
    }

    [Fact]
    public void A_namespace_connect_is_a_message_of_socket_type_connect()
    {
        var connect = EnginePacket.Parse(Bytes("40{\"sid\":\"x\"}"));

        Assert.Equal(EnginePacket.Message, connect.EngineType);
        Assert.Equal(EnginePacket.Connect, connect.SocketType);
    }

    [Fact]
    public void An_event_carries_its_payload_without_an_ack_id()
    {
        var packet = EnginePacket.Parse(Bytes("42[\"location:updated\",{\"lat\":1}]"));

        Assert.Equal((EnginePacket.Message, EnginePacket.Event, -1L), (packet.EngineType, packet.SocketType, packet.AckId));
        Assert.Equal("[\"location:updated\",{\"lat\":1}]", Encoding.UTF8.GetString(packet.Payload));
    }

    [Fact]
    public void An_ack_carries_its_id_and_payload()
    {
        var packet = EnginePacket.Parse(Bytes("4317[{\"ok\":true}]"));

        Assert.Equal((EnginePacket.Message, EnginePacket.Ack, 17L), (packet.EngineType, packet.SocketType, packet.AckId));
        Assert.Equal("[{\"ok\":true}]", Encoding.UTF8.GetString(packet.Payload));
    }

    [Fact]
    public void An_emitted_event_asks_for_an_ack_with_its_id()
    {
        var bytes = Framing.SocketIoEvent(17, "ride:join", "{\"accessCode\":\"a\"}");
        var packet = EnginePacket.Parse(bytes);

        Assert.Equal("4217[\"ride:join\",{\"accessCode\":\"a\"}]", Encoding.UTF8.GetString(bytes));
        Assert.Equal((EnginePacket.Event, 17L), (packet.SocketType, packet.AckId));
    }

    [Fact]
    public void Garbage_is_no_packet()
    {
        Assert.Equal(-1, EnginePacket.Parse(Bytes("joined")).EngineType);
        Assert.Equal(-1, EnginePacket.Parse([]).EngineType);
    }

    [Fact]
    public void A_message_in_fragments_is_assembled_and_the_next_starts_empty()
    {
        var assembler = new MessageAssembler();

        Assert.False(assembler.Add(Bytes("42[\"new-"), false, out _));
        Assert.True(assembler.Add(Bytes("message\"]"), true, out var whole));
        Assert.Equal("42[\"new-message\"]", Encoding.UTF8.GetString(whole.Span));
        Assert.True(assembler.Add(Bytes("2"), true, out var next));
        Assert.Equal("2", Encoding.UTF8.GetString(next.Span));
    }
}
