using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using MimeKit.Tnef;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// Encodes and decodes the property lists of attMsgProps, attAttachment and the rows of attRecipTable
/// ([MS-OXTNEF] 2.1.3.4–2.1.3.5): a count, then each property as tag, optional name and value(s), every field
/// little-endian and padded to four bytes. Our own decoder, so MimeKit's reader stays an independent check in tests.
/// </summary>
public static class MapiPropertyList
{
    private const int _multiValuedFlag = 0x1000;

    /// <summary>Decodes a property list (count, then properties).</summary>
    /// <exception cref="InvalidDataException">The list is truncated or names an unknown property type; the message names the offset.</exception>
    public static IReadOnlyList<MapiProperty> Decode(byte[] value)
    {
        var reader = new Cursor(value ?? throw new ArgumentNullException(nameof(value)));
        IReadOnlyList<MapiProperty> properties = ReadList(ref reader);
        if (reader.Offset != value.Length)
        {
            throw new InvalidDataException($"The property list has {value.Length - reader.Offset} bytes after its last property (offset {reader.Offset}).");
        }

        return properties;
    }

    /// <summary>Decodes the rows of attRecipTable (row count, then a property list per row).</summary>
    public static IReadOnlyList<IReadOnlyList<MapiProperty>> DecodeRows(byte[] value)
    {
        var reader = new Cursor(value ?? throw new ArgumentNullException(nameof(value)));
        uint rows = reader.UInt32();
        var result = new List<IReadOnlyList<MapiProperty>>();
        for (uint i = 0; i < rows; i++)
        {
            result.Add(ReadList(ref reader));
        }

        return result;
    }

    /// <summary>Encodes a property list.</summary>
    public static byte[] Encode(IReadOnlyCollection<MapiProperty> properties)
    {
        // Written into a buffer of the exact size (a body of tens of kilobytes would otherwise be copied as the stream grows).
        var bytes = new byte[ListSize(properties ?? throw new ArgumentNullException(nameof(properties)))];
        using var output = new MemoryStream(bytes, writable: true);
        WriteList(output, properties);
        return output.Position == bytes.Length ? bytes : throw new InvalidOperationException($"The property list was sized at {bytes.Length} bytes and written as {output.Position}.");
    }

    /// <summary>Encodes the rows of attRecipTable.</summary>
    public static byte[] EncodeRows(IReadOnlyCollection<IReadOnlyCollection<MapiProperty>> rows)
    {
        using var output = new MemoryStream();
        WriteUInt32(output, (uint)(rows ?? throw new ArgumentNullException(nameof(rows))).Count);
        foreach (IReadOnlyCollection<MapiProperty> row in rows)
        {
            WriteList(output, row);
        }

        return output.ToArray();
    }

    /// <summary>The width of a fixed-size value slot, or -1 for a variable-length type ([MS-OXTNEF] 2.1.3.4).</summary>
    public static int FixedWidth(TnefPropertyType type) => type switch
    {
        TnefPropertyType.Null => 0,
        TnefPropertyType.I2 or TnefPropertyType.Long or TnefPropertyType.R4 or TnefPropertyType.Error or TnefPropertyType.Boolean => 4,
        TnefPropertyType.Double or TnefPropertyType.Currency or TnefPropertyType.AppTime or TnefPropertyType.I8 or TnefPropertyType.SysTime => 8,
        TnefPropertyType.ClassId => 16,
        TnefPropertyType.String8 or TnefPropertyType.Unicode or TnefPropertyType.Binary or TnefPropertyType.Object => -1,
        _ => throw new InvalidDataException($"Unknown MAPI property type 0x{(int)type:X4}."),
    };

    private static List<MapiProperty> ReadList(ref Cursor reader)
    {
        uint count = reader.UInt32();
        var properties = new List<MapiProperty>((int)Math.Min(count, 4096));
        for (uint i = 0; i < count; i++)
        {
            properties.Add(ReadProperty(ref reader));
        }

        return properties;
    }

    private static MapiProperty ReadProperty(ref Cursor reader)
    {
        int start = reader.Offset;
        uint raw = reader.UInt32();
        // On the wire the type is the low word and the identifier the high word ([MS-OXTNEF] 2.1.3.4, MAPI's PROP_TAG).
        var tag = new TnefPropertyTag((TnefPropertyId)(raw >> 16), (TnefPropertyType)(raw & 0xFFFF));
        TnefNameId? name = null;
        if ((ushort)tag.Id >= 0x8000)
        {
            var guid = new Guid(reader.Bytes(16));
            uint kind = reader.UInt32();
            if (kind == 0)
            {
                name = new TnefNameId(guid, (int)reader.UInt32());
            }
            else
            {
                int length = (int)reader.UInt32();
                string text = Encoding.Unicode.GetString(reader.Bytes(length)).TrimEnd('\0');
                reader.Pad(length);
                name = new TnefNameId(guid, text);
            }
        }

        TnefPropertyType type = tag.ValueTnefType;
        int width;
        try
        {
            width = FixedWidth(type);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"Property {tag} at offset {start}: {ex.Message}", ex);
        }

        bool multi = ((int)tag.TnefType & _multiValuedFlag) != 0;
        int valueCount = multi || width < 0 ? (int)reader.UInt32() : 1;
        var values = new List<byte[]>(Math.Min(valueCount, 4096));
        for (int v = 0; v < valueCount; v++)
        {
            if (width >= 0)
            {
                values.Add(reader.Bytes(width));
            }
            else
            {
                int length = (int)reader.UInt32();
                values.Add(reader.Bytes(length));
                reader.Pad(length);
            }
        }

        return new MapiProperty(tag, name, values);
    }

    private static long ListSize(IReadOnlyCollection<MapiProperty> properties)
    {
        long size = 4;
        foreach (MapiProperty property in properties)
        {
            size += 4;
            if (property.Name is { } name)
            {
                size += 16 + 4 + (name.Kind == TnefNameIdKind.Id ? 4 : 4 + Padded(Encoding.Unicode.GetByteCount(name.Name + "\0")));
            }

            int width = FixedWidth(property.ValueType);
            if (((int)property.Tag.TnefType & _multiValuedFlag) != 0 || width < 0)
            {
                size += 4;
            }

            foreach (byte[] value in property.Values)
            {
                size += width >= 0 ? value.Length : 4 + Padded(value.Length);
            }
        }

        return size;
    }

    private static long Padded(int length) => (length + 3L) & ~3L;

    private static void WriteList(Stream output, IReadOnlyCollection<MapiProperty> properties)
    {
        WriteUInt32(output, (uint)properties.Count);
        foreach (MapiProperty property in properties)
        {
            WriteProperty(output, property);
        }
    }

    private static void WriteProperty(Stream output, MapiProperty property)
    {
        WriteUInt32(output, ((uint)(ushort)property.Tag.Id << 16) | (ushort)property.Tag.TnefType);
        if (property.Name is { } name)
        {
            byte[] guid = name.PropertySetGuid.ToByteArray();
            output.Write(guid, 0, guid.Length);
            if (name.Kind == TnefNameIdKind.Id)
            {
                WriteUInt32(output, 0);
                WriteUInt32(output, (uint)name.Id);
            }
            else
            {
                byte[] text = Encoding.Unicode.GetBytes(name.Name + "\0");
                WriteUInt32(output, 1);
                WriteUInt32(output, (uint)text.Length);
                output.Write(text, 0, text.Length);
                WritePadding(output, text.Length);
            }
        }

        int width = FixedWidth(property.ValueType);
        bool multi = ((int)property.Tag.TnefType & _multiValuedFlag) != 0;
        if (multi || width < 0)
        {
            WriteUInt32(output, (uint)property.Values.Count);
        }

        foreach (byte[] value in property.Values)
        {
            if (width >= 0)
            {
                if (value.Length != width)
                {
                    throw new InvalidDataException($"Property {property}: a {property.ValueType} value is {width} bytes, not {value.Length}.");
                }

                output.Write(value, 0, value.Length);
            }
            else
            {
                WriteUInt32(output, (uint)value.Length);
                output.Write(value, 0, value.Length);
                WritePadding(output, value.Length);
            }
        }
    }

    private static void WritePadding(Stream output, int length)
    {
        for (int i = length; i % 4 != 0; i++)
        {
            output.WriteByte(0);
        }
    }

    private static void WriteUInt32(Stream output, uint value)
    {
        output.WriteByte((byte)value);
        output.WriteByte((byte)(value >> 8));
        output.WriteByte((byte)(value >> 16));
        output.WriteByte((byte)(value >> 24));
    }

    private struct Cursor
    {
        private readonly byte[] _data;

        public Cursor(byte[] data)
        {
            _data = data;
            Offset = 0;
        }

        public int Offset { get; private set; }

        public uint UInt32()
        {
            Require(4);
            uint value = (uint)(_data[Offset] | (_data[Offset + 1] << 8) | (_data[Offset + 2] << 16) | (_data[Offset + 3] << 24));
            Offset += 4;
            return value;
        }

        public byte[] Bytes(int count)
        {
            Require(count);
            var bytes = new byte[count];
            Buffer.BlockCopy(_data, Offset, bytes, 0, count);
            Offset += count;
            return bytes;
        }

        public void Pad(int length)
        {
            int padding = (4 - (length % 4)) % 4;
            Require(padding);
            Offset += padding;
        }

        private readonly void Require(int count)
        {
            if (count < 0 || Offset + count > _data.Length)
            {
                throw new InvalidDataException($"The property list is truncated: {count} bytes needed at offset {Offset}, {_data.Length - Offset} left.");
            }
        }
    }
}
