namespace DealerCrm.Web.Infrastructure.Export;

/// <summary>
/// Lets a writer that mixes a few small synchronous writes into its asynchronous ones write to a stream that only
/// takes asynchronous writes (the response body: Kestrel refuses synchronous IO). The zip writer under SpreadCheetah
/// writes each entry's data asynchronously but its headers, data descriptors and central directory (a few hundred
/// bytes per zip entry) synchronously: those are kept here, in order, and sent before the next asynchronous write or
/// by <see cref="FlushPendingAsync"/> at the end. Write-only, forward-only.
/// </summary>
internal sealed class DeferredSyncWriteStream(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes written synchronously and not sent yet.</summary>
    public long PendingBytes => _pending.Length;

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override void WriteByte(byte value) => _pending.WriteByte(value);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await FlushPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Sends what was written synchronously so far.</summary>
    public async Task FlushPendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            _pending.SetLength(0);
        }
    }

    // A synchronous flush only marks a point: the bytes go out with the next asynchronous write or the final flush.
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await FlushPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
