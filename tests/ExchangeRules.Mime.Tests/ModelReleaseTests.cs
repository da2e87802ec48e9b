using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// MimeKit's messages, entities and contents have finalizers: a model that is not disposed survives a collection with
/// everything it refers to, which at message rates turns every gen0 collection into a gen1 one. The editor disposes
/// the model it edited, the content the model it parsed for evaluation; the caller's stream stays open.
/// </summary>
public class ModelReleaseTests
{
    [Fact]
    public void Apply_AfterWriting_TheEditedModelIsDisposedAndDiesInOneCollection()
    {
        var original = File.ReadAllBytes(Stamping.FixturePath("outlook-word-reply.eml"));
        using var input = new MemoryStream(original, writable: false);
        var editor = new MimeMessageEditor();
        var content = (MimeMessageContent)editor.Read(input, SubmissionOrigin.Authenticated);

        var model = EditAndTrack(editor, content);

        Assert.False(Survives(model), "the edited model was not disposed: its finalizer kept it alive through a collection");
        Assert.True(input.CanRead);
        input.Position = 0;
        Assert.Equal(original.Length, input.Length);
    }

    [Fact]
    public void Dispose_ModelParsedForEvaluationOnly_IsDisposedAndTheSourceStaysOpen()
    {
        var original = File.ReadAllBytes(Stamping.FixturePath("outlook-word-reply.eml"));
        using var input = new MemoryStream(original, writable: false);
        var content = (MimeMessageContent)new MimeMessageEditor().Read(input, SubmissionOrigin.Authenticated);

        var model = ParseAndTrack(content);
        content.Dispose();

        Assert.False(Survives(model), "the evaluation's model was not disposed: its finalizer kept it alive through a collection");
        Assert.True(input.CanRead);
        Assert.Contains("Viele Gr", content.GetBodyText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AStampSplicedIntoTheTextParts_DisposesTheContentsItReplaced()
    {
        // The contents a persistent parse made read the caller's buffer: one replaced and not disposed kept the whole
        // source message alive through a collection (the harness's topology promoted 1.7 MB per gen0 collection).
        var original = File.ReadAllBytes(Stamping.FixturePath("outlook-word-reply.eml"));
        using var input = new MemoryStream(original, writable: false);
        var editor = new MimeMessageEditor();
        var content = (MimeMessageContent)editor.Read(input, SubmissionOrigin.Authenticated);

        var replaced = EditAndTrackTextContents(editor, content);

        Assert.NotEmpty(replaced);
        Assert.All(replaced, reference => Assert.False(Survives(reference), "a text part's replaced content was not disposed: its finalizer kept the source alive through a collection"));
        Assert.True(input.CanRead);
    }

    [Fact]
    public void Apply_RemoveAttachments_DisposesTheRemovedParts()
    {
        var original = File.ReadAllBytes(Stamping.FixturePath("mixed-with-embedded-message.eml"));
        using var input = new MemoryStream(original, writable: false);
        var editor = new MimeMessageEditor();
        var content = (MimeMessageContent)editor.Read(input, SubmissionOrigin.Authenticated);

        var removed = RemoveAndTrackAttachments(editor, content);

        Assert.NotEmpty(removed);
        Assert.All(removed, reference => Assert.False(Survives(reference), "a removed attachment was not disposed: its finalizer kept the source alive through a collection"));
        Assert.True(input.CanRead);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> RemoveAndTrackAttachments(MimeMessageEditor editor, MimeMessageContent content)
    {
        var model = content.TryGetMessage() ?? throw new InvalidOperationException("The fixture did not parse.");
        var before = model.Attachments.ToList();
        using var output = new MemoryStream();
        var strip = new RemoveAttachmentsAction("Strip", FailurePolicy.FailOpen, new[] { "*.EXE" }, new[] { "message/*" });
        Assert.True(editor.Apply(content, new[] { strip }, output).Changed);

        // Every attachment is tracked: those kept die with the disposed model, those removed only if disposed too.
        return before.Select(part => new WeakReference(part, trackResurrection: true)).ToList();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> EditAndTrackTextContents(MimeMessageEditor editor, MimeMessageContent content)
    {
        var model = content.TryGetMessage() ?? throw new InvalidOperationException("The fixture did not parse.");
        var parts = model.BodyParts.OfType<TextPart>().ToList();
        var contents = parts.Select(part => part.Content).ToList();
        using var output = new MemoryStream();
        Assert.True(editor.Apply(content, new[] { Stamping.Signature() }, output).Changed);

        // Only the contents the stamp replaced are tracked; the model's own ones die with the model (the test above).
        return parts.Zip(contents, (part, before) => (part, before))
            .Where(pair => !ReferenceEquals(pair.part.Content, pair.before))
            .Select(pair => new WeakReference(pair.before, trackResurrection: true))
            .ToList();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference EditAndTrack(MimeMessageEditor editor, MimeMessageContent content)
    {
        // The model evaluation parsed is the one the edit takes over.
        var model = content.TryGetMessage() ?? throw new InvalidOperationException("The fixture did not parse.");
        using var output = new MemoryStream();
        Assert.True(editor.Apply(content, new[] { Stamping.Signature() }, output).Changed);
        return new WeakReference(model.Body, trackResurrection: true);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ParseAndTrack(MimeMessageContent content)
    {
        var model = content.TryGetMessage() ?? throw new InvalidOperationException("The fixture did not parse.");
        Assert.NotEqual(MessageTraits.None, content.Traits);
        return new WeakReference(model.Body, trackResurrection: true);
    }

    /// <summary>
    /// Whether the object outlives a full collection. A long weak reference stays set until the object is reclaimed; a
    /// finalizable object whose finalizer was not suppressed is only queued for finalization by the first collection.
    /// </summary>
    private static bool Survives(WeakReference reference)
    {
        GC.Collect();
        return reference.IsAlive;
    }
}
