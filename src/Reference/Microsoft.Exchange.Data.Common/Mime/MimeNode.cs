using System;
using System.Collections.Generic;

namespace Microsoft.Exchange.Data.Mime;

/// <summary>
/// A node of Exchange's MIME DOM (parts, header lists, headers). This reference assembly keeps only the child
/// operations a routing agent needs to add or remove a top-level header; the host (the harness) is told about
/// every change through an internal hook so it can write it into the message bytes, as Exchange does.
/// </summary>
public abstract class MimeNode
{
    private readonly List<MimeNode> _children = new();

    /// <summary>Only Exchange (and the host) create nodes.</summary>
    internal MimeNode()
    {
    }

    /// <summary>The node this one is a child of, or <see langword="null"/>.</summary>
    internal MimeNode Parent { get; private set; }

    /// <summary>Host hook: called after a child was appended (<c>true</c>) or removed (<c>false</c>).</summary>
    internal Action<MimeNode, bool> ChildChanged { get; set; }

    internal IReadOnlyList<MimeNode> Children => _children;

    /// <summary>Adds <paramref name="newChild"/> as the last child.</summary>
    /// <returns>The node added.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="newChild"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="newChild"/> already has a parent or is of the wrong kind.</exception>
    public MimeNode AppendChild(MimeNode newChild)
    {
        if (newChild is null)
        {
            throw new ArgumentNullException(nameof(newChild));
        }

        if (newChild.Parent is not null)
        {
            throw new ArgumentException("The node already belongs to another node.", nameof(newChild));
        }

        ValidateChild(newChild);
        _children.Add(newChild);
        newChild.Parent = this;
        ChildChanged?.Invoke(newChild, true);
        return newChild;
    }

    /// <summary>Removes <paramref name="oldChild"/>.</summary>
    /// <returns>The node removed.</returns>
    /// <exception cref="ArgumentException"><paramref name="oldChild"/> is not a child of this node.</exception>
    public MimeNode RemoveChild(MimeNode oldChild)
    {
        if (oldChild is null)
        {
            throw new ArgumentNullException(nameof(oldChild));
        }

        if (!ReferenceEquals(oldChild.Parent, this) || !_children.Remove(oldChild))
        {
            throw new ArgumentException("The node is not a child of this node.", nameof(oldChild));
        }

        oldChild.Parent = null;
        ChildChanged?.Invoke(oldChild, false);
        return oldChild;
    }

    /// <summary>
    /// Removes every child <paramref name="remove"/> selects in one pass over the children (linear, where removing them
    /// one by one rescans the list for each), telling the host about each, in order.
    /// </summary>
    internal void RemoveChildren(Func<MimeNode, bool> remove)
    {
        var removed = new List<MimeNode>();
        _children.RemoveAll(child =>
        {
            if (!remove(child))
            {
                return false;
            }

            removed.Add(child);
            return true;
        });
        foreach (MimeNode child in removed)
        {
            child.Parent = null;
            ChildChanged?.Invoke(child, false);
        }
    }

    /// <summary>Adds a child without telling the host (loading the document).</summary>
    internal void Load(MimeNode child)
    {
        _children.Add(child);
        child.Parent = this;
    }

    /// <summary>Throws when <paramref name="child"/> cannot be a child of this node.</summary>
    internal virtual void ValidateChild(MimeNode child)
    {
    }
}
