using OrleansRides.Runtime.Calls;

namespace OrleansRides.Runtime.Activation;

/// <summary>The cancellation token of the turn an activation is running, behind <see cref="Grain.TurnCancellationToken"/>.
/// A call turn's token is made only when grain code first asks for it; the other turns hand theirs in, since they pass it
/// to grain code as an argument anyway.</summary>
/// <remarks>A field of the activation rather than an object per turn: a turn that never asks allocates nothing. Turns
/// never overlap, so plain fields suffice; code released by <see cref="GrainActivation.ReleaseTurn"/> must not read it.</remarks>
internal struct TurnCancellation
{
    private bool _inTurn;
    private bool _ready;
    private GrainCall? _call;
    private CancellationToken _token;
    private TurnCancellationSource? _source;

    /// <summary>A call's turn begins: its token, if asked for, ends at the call's deadline or when the runtime stops.</summary>
    public void BeginCall(GrainCall call) => this = new TurnCancellation { _inTurn = true, _call = call };

    /// <summary>A timer, activation or deactivation turn begins with the token it passes to grain code.</summary>
    public void Begin(CancellationToken token) => this = new TurnCancellation { _inTurn = true, _ready = true, _token = token };

    /// <exception cref="InvalidOperationException">No turn is running.</exception>
    public CancellationToken Get(GrainRuntime runtime)
    {
        if (!_inTurn)
        {
            throw new InvalidOperationException("TurnCancellationToken is only valid during a turn of this grain.");
        }
        if (!_ready)
        {
            (_token, _source) = runtime.CreateTurnToken(_call!.Deadline, runtime.Stopping);
            _ready = true;
        }
        return _token;
    }

    /// <summary>Ends the turn. Returns the source a call turn created, if any: the caller disposes it once the call's
    /// method has completed (later than the turn's end when the call released its turn).</summary>
    public TurnCancellationSource? End()
    {
        var source = _source;
        this = default;
        return source;
    }
}
