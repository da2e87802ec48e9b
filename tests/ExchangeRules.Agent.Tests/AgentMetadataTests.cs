using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Agent.Tests;

/// <summary>
/// Reads the shipped net48 ExchangeRules.Agent.dll the way Install-TransportAgent and the Transport service see it:
/// a wrong Exchange identity or factory shape means the agent does not load on a server.
/// </summary>
public sealed class AgentMetadataTests : IDisposable
{
    private const string _factoryName = "ExchangeRules.Agent.ExchangeRulesRoutingAgentFactory";

    private readonly PEReader _pe;
    private readonly MetadataReader _metadata;

    public AgentMetadataTests()
    {
        _pe = new PEReader(File.OpenRead(ShippedAgentPath()));
        _metadata = _pe.GetMetadataReader();
    }

    [Theory]
    [InlineData("Microsoft.Exchange.Data.Transport")]
    [InlineData("Microsoft.Exchange.Data.Common")]
    public void ExchangeReference_HasTheExchange2013Cu23Identity(string name)
    {
        AssemblyReference reference = _metadata.AssemblyReferences.Select(_metadata.GetAssemblyReference)
            .Single(r => _metadata.GetString(r.Name) == name);

        Assert.Equal(new Version(15, 0, 1474, 0), reference.Version);
        Assert.True(reference.Culture.IsNil);
        Assert.Equal("31bf3856ad364e35", PublicKeyTokenOf(reference));
    }

    [Fact]
    public void TargetFramework_IsNetFramework48()
    {
        string? framework = _metadata.GetAssemblyDefinition().GetCustomAttributes()
            .Select(_metadata.GetCustomAttribute)
            .Where(a => AttributeTypeName(a) == "System.Runtime.Versioning.TargetFrameworkAttribute")
            .Select(a => a.DecodeValue(new StringOnlyProvider()).FixedArguments[0].Value as string)
            .SingleOrDefault();

        Assert.Equal(".NETFramework,Version=v4.8", framework);
    }

    [Fact]
    public void Factory_IsPublicSealedNonAbstract()
    {
        TypeDefinition factory = Factory();

        Assert.Equal(TypeAttributes.Public, factory.Attributes & TypeAttributes.VisibilityMask);
        Assert.True(factory.Attributes.HasFlag(TypeAttributes.Sealed));
        Assert.False(factory.Attributes.HasFlag(TypeAttributes.Abstract));
    }

    [Fact]
    public void Factory_DerivesFromExchangeRoutingAgentFactory()
    {
        TypeReference baseType = _metadata.GetTypeReference((TypeReferenceHandle)Factory().BaseType);
        var scope = _metadata.GetAssemblyReference((AssemblyReferenceHandle)baseType.ResolutionScope);

        Assert.Equal("Microsoft.Exchange.Data.Transport.Routing.RoutingAgentFactory", _metadata.GetString(baseType.Namespace) + "." + _metadata.GetString(baseType.Name));
        Assert.Equal("Microsoft.Exchange.Data.Transport", _metadata.GetString(scope.Name));
    }

    [Fact]
    public void Factory_HasAPublicParameterlessConstructor()
    {
        bool found = Factory().GetMethods().Select(_metadata.GetMethodDefinition).Any(m =>
            _metadata.GetString(m.Name) == ".ctor"
            && (m.Attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Public
            && m.DecodeSignature(new StringOnlyProvider(), null).ParameterTypes.Length == 0);

        Assert.True(found);
    }

    [Fact]
    public void ShippedFolder_HasNoExchangeAssembly()
    {
        string folder = Path.GetDirectoryName(ShippedAgentPath())!;

        Assert.Empty(System.IO.Directory.GetFiles(folder, "Microsoft.Exchange.*"));
    }

    public void Dispose() => _pe.Dispose();

    private TypeDefinition Factory() => _metadata.TypeDefinitions.Select(_metadata.GetTypeDefinition)
        .Single(t => _metadata.GetString(t.Namespace) + "." + _metadata.GetString(t.Name) == _factoryName);

    private string PublicKeyTokenOf(AssemblyReference reference)
    {
        byte[] blob = _metadata.GetBlobBytes(reference.PublicKeyOrToken);
#pragma warning disable CA5350 // A public key token is defined as the last 8 bytes of the key's SHA-1, reversed.
        byte[] token = reference.Flags.HasFlag(AssemblyFlags.PublicKey)
            ? System.Security.Cryptography.SHA1.HashData(blob).TakeLast(8).Reverse().ToArray()
            : blob;
#pragma warning restore CA5350
        return Convert.ToHexString(token).ToLowerInvariant();
    }

    private string AttributeTypeName(CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            return string.Empty;
        }

        var parent = _metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
        {
            return string.Empty;
        }

        TypeReference type = _metadata.GetTypeReference((TypeReferenceHandle)parent);
        return _metadata.GetString(type.Namespace) + "." + _metadata.GetString(type.Name);
    }

    // src/ExchangeRules.Agent/bin/<Configuration>/net48/, found from this test's bin/<Configuration>/net10.0/.
    private static string ShippedAgentPath()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(TestRepository.Root, "src", "ExchangeRules.Agent", "bin", configuration, "net48", "ExchangeRules.Agent.dll");
    }

    /// <summary>Decodes just enough of signatures and attribute blobs for these checks.</summary>
    private sealed class StringOnlyProvider : ISignatureTypeProvider<string, object?>, ICustomAttributeTypeProvider<string>
    {
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetGenericInstantiation(string genericType, System.Collections.Immutable.ImmutableArray<string> typeArguments) => genericType;
        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);
        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => "spec";
        public string GetSystemType() => "Type";
        public string GetTypeFromSerializedName(string name) => name;
        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;
        public bool IsSystemType(string type) => type == "Type";
    }
}
