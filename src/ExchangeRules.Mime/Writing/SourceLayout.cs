using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using MimeKit;

namespace ExchangeRules.Mime.Writing;

/// <summary>
/// Where every entity and message of a persistently parsed message lies in the source stream, and what each looked
/// like right after the parse. <see cref="SourceSplicingWriter"/> compares the edited model with this record and
/// copies every unchanged range from the source instead of letting MimeKit serialise it again.
/// </summary>
/// <remarks>
/// A change is recognised without help from the editing code: MimeKit replaces a header's raw value array whenever
/// the header changes (also when a <see cref="ContentType"/> property changes), and a part's content, a multipart's
/// children and a message part's message are replaced, never changed in place, by every edit this editor makes.
/// </remarks>
internal sealed class SourceLayout
{
    private readonly Dictionary<MimeEntity, EntityRecord> _entities = new(ReferenceComparer<MimeEntity>.Instance);
    private readonly Dictionary<MimeMessage, MessageRecord> _messages = new(ReferenceComparer<MimeMessage>.Instance);

    private SourceLayout()
    {
    }

    /// <summary>Parses a message with <paramref name="parser"/> and records its layout.</summary>
    public static (MimeMessage Message, SourceLayout Layout) Parse(MimeParser parser)
    {
        var layout = new SourceLayout();
        var offsets = new List<(MimeEntity Entity, long Begin, long HeadersEnd, long End)>();
        var messageOffsets = new List<(MimeMessage Message, long Begin, long HeadersEnd, long End)>();
        EventHandler<MimeEntityEndEventArgs> onEntityEnd = (_, e) => offsets.Add((e.Entity, e.BeginOffset, e.HeadersEndOffset, e.EndOffset));
        EventHandler<MimeMessageEndEventArgs> onMessageEnd = (_, e) => messageOffsets.Add((e.Message, e.BeginOffset, e.HeadersEndOffset, e.EndOffset));
        parser.MimeEntityEnd += onEntityEnd;
        parser.MimeMessageEnd += onMessageEnd;
        MimeMessage message;
        try
        {
            message = parser.ParseMessage();
        }
        finally
        {
            // The parser is reused for other messages (see ReusedParser).
            parser.MimeEntityEnd -= onEntityEnd;
            parser.MimeMessageEnd -= onMessageEnd;
        }

        // The snapshots are taken once the whole tree is built: a multipart's children are all known only then.
        foreach (var (entity, begin, headersEnd, end) in offsets)
        {
            layout._entities[entity] = new EntityRecord(begin, headersEnd, end, HeaderSnapshot.Of(entity.Headers), entity);
        }

        foreach (var (parsed, begin, headersEnd, end) in messageOffsets)
        {
            layout._messages[parsed] = new MessageRecord(begin, headersEnd, end, HeaderSnapshot.Of(parsed.Headers), parsed.Body);
        }

        return (message, layout);
    }

    /// <summary>The record of an entity that came from the source, or <see langword="null"/> for one the edit created.</summary>
    public EntityRecord? Find(MimeEntity entity) => _entities.TryGetValue(entity, out var record) ? record : null;

    /// <summary>The record of a message that came from the source, or <see langword="null"/> for one the edit created.</summary>
    public MessageRecord? Find(MimeMessage message) => _messages.TryGetValue(message, out var record) ? record : null;

    /// <summary>Whether the entity and everything inside it are as parsed.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="known">Answers already found during one write (the writer asks about the same entities at every level).</param>
    public bool IsUnchanged(MimeEntity entity, IDictionary<MimeEntity, bool>? known = null)
    {
        if (known is not null && known.TryGetValue(entity, out var answer))
        {
            return answer;
        }

        answer = Compare(entity, known);
        if (known is not null)
        {
            known[entity] = answer;
        }

        return answer;
    }

    /// <summary>Whether the message, its headers and its whole body are as parsed.</summary>
    public bool IsUnchanged(MimeMessage message, IDictionary<MimeEntity, bool>? known = null)
    {
        var record = Find(message);
        return record is not null
            && record.Headers.Matches(message.Headers)
            && ReferenceEquals(record.Body, message.Body)
            && message.Body is not null
            && IsUnchanged(message.Body, known);
    }

    /// <summary>A dictionary for the answers of one write.</summary>
    public static IDictionary<MimeEntity, bool> NewAnswers() => new Dictionary<MimeEntity, bool>(ReferenceComparer<MimeEntity>.Instance);

    private bool Compare(MimeEntity entity, IDictionary<MimeEntity, bool>? known)
    {
        var record = Find(entity);
        if (record is null || !record.Headers.Matches(entity.Headers))
        {
            return false;
        }

        return entity switch
        {
            MimePart part => record.HasOwnContent(part),
            Multipart multipart => record.HasOwnStructure(multipart) && AllUnchanged(multipart, known),
            MessagePart attached => record.HasOwnMessage(attached) && attached.Message is not null && IsUnchanged(attached.Message, known),
            _ => false,
        };
    }

    private bool AllUnchanged(Multipart multipart, IDictionary<MimeEntity, bool>? known)
    {
        for (var i = 0; i < multipart.Count; i++)
        {
            if (!IsUnchanged(multipart[i], known))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class ReferenceComparer<T> : IEqualityComparer<T>
        where T : class
    {
        public static readonly ReferenceComparer<T> Instance = new();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
