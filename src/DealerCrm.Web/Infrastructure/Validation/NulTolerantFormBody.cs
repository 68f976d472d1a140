namespace DealerCrm.Web.Infrastructure.Validation;

/// <summary>
/// ASP.NET Core's form reader refuses a whole url-encoded body holding an encoded NUL (<c>%00</c>: "The path contains
/// null characters", an <see cref="InvalidDataException"/>), and the anti-forgery check that reads the form first turns
/// that into a 400 — so a NUL typed into any form field was answered 400 before the house rule (remove it, say so beside
/// the field) could apply. This middleware hands the form reader the body with each <c>%00</c> as a literal NUL byte,
/// which the reader keeps as the character; the binders of <see cref="HostileInputBinding"/> then remove it and refuse
/// the field. The reader's limits (keys, values, lengths) apply as before: the body is streamed, never buffered whole.
/// </summary>
public sealed class NulTolerantFormBody(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentType is { } type
            && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            request.Body = new EncodedNulStream(request.Body);

            // The body gets shorter by two bytes per NUL; nothing downstream may expect the length sent.
            request.ContentLength = null;
        }

        return next(context);
    }

    /// <summary>Reads the inner stream, writing each "%00" as one 0x00 byte (a "%" or "%0" at a chunk's end waits).</summary>
    private sealed class EncodedNulStream(Stream inner) : Stream
    {
        private const int ChunkSize = 8192;
        private readonly byte[] _in = new byte[ChunkSize + 2];
        private readonly byte[] _out = new byte[ChunkSize + 2];
        private int _carry;
        private int _outPos;
        private int _outLen;
        private bool _ended;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_outPos == _outLen)
            {
                if (_ended)
                {
                    return 0;
                }

                var read = await inner.ReadAsync(_in.AsMemory(_carry, ChunkSize), cancellationToken);
                Transform(read);
            }

            return Drain(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_outPos == _outLen)
            {
                if (_ended)
                {
                    return 0;
                }

                Transform(inner.Read(_in, _carry, ChunkSize));
            }

            return Drain(buffer);
        }

        private int Drain(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, _outLen - _outPos);
            _out.AsSpan(_outPos, count).CopyTo(buffer);
            _outPos += count;
            return count;
        }

        private void Transform(int read)
        {
            var total = _carry + read;
            _ended = read == 0;
            int i = 0, o = 0;
            while (i < total)
            {
                var b = _in[i];
                if (b == (byte)'%')
                {
                    if (i + 2 < total && _in[i + 1] == (byte)'0' && _in[i + 2] == (byte)'0')
                    {
                        _out[o++] = 0;
                        i += 3;
                        continue;
                    }

                    // "%" or "%0" at the end of this chunk may be the start of "%00": wait for the next one.
                    if (!_ended && i + 2 >= total && (i + 1 == total || _in[i + 1] == (byte)'0'))
                    {
                        break;
                    }
                }

                _out[o++] = b;
                i++;
            }

            _carry = total - i;
            Array.Copy(_in, i, _in, 0, _carry);
            _outPos = 0;
            _outLen = o;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
