using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Recurrent.Persistence;

/// <summary>
/// The parts of ML.NET's model-file machinery that ML.NET keeps internal ([BestFriend]) but a third-party transformer
/// needs to take part in <c>mlContext.Model.Save</c> and <c>Load</c>: writing and reading an entry of the model file
/// (<c>ModelSaveContext</c>, <c>ModelLoadContext</c>, <c>VersionInfo</c>) and adding a loader to an
/// <see cref="ComponentCatalog"/>. Every member is looked up by reflection once, when first needed, and checked; if
/// ML.NET's internals differ from the ones this library was built against (Microsoft.ML 6.0), that first use throws a
/// <see cref="NotSupportedException"/> naming every member that is missing, instead of failing part way.
/// </summary>
internal sealed class MlNetInternals
{
    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
    private static readonly Lazy<MlNetInternals> Shared = new(() => new MlNetInternals(typeof(ModelSaveContext).Assembly, typeof(MLContext).Assembly));
    private readonly ConditionalWeakTable<ComponentCatalog, object> registered = new();

    // ModelSaveContext (Microsoft.ML.Core): its writer, string table, version header and repository.
    private readonly MethodInfo checkAtModel;
    private readonly MethodInfo setVersionInfo;
    private readonly ConstructorInfo newVersionInfo;
    private readonly FieldInfo saveWriter;
    private readonly MethodInfo saveString;
    private readonly FieldInfo saveRepository;
    private readonly PropertyInfo repositoryExceptionContext;

    // ModelLoadContext (Microsoft.ML.Core): its reader.
    private readonly FieldInfo loadReader;

    // ComponentCatalog (Microsoft.ML.Core): loadable-class registration under the catalog's lock.
    private readonly Type signatureLoadModel;
    private readonly ConstructorInfo newLoadableClassAttribute;
    private readonly ConstructorInfo newLoadableClassInfo;
    private readonly PropertyInfo loadableClassCreateMethod;
    private readonly MethodInfo getLoadableClassInfo;
    private readonly MethodInfo addClass;
    private readonly FieldInfo catalogLock;

    // IInternalCatalog (Microsoft.ML.Data): the environment behind mlContext.Model.
    private readonly PropertyInfo catalogEnvironment;

    /// <summary>Resolves every member in ML.NET's assemblies <paramref name="core"/> (Microsoft.ML.Core) and <paramref name="data"/> (Microsoft.ML.Data).</summary>
    /// <exception cref="NotSupportedException">A member is missing or has another shape; the message lists all of them.</exception>
    internal MlNetInternals(Assembly core, Assembly data)
    {
        var missing = new List<string>();
        T Require<T>(T? member, string description)
            where T : class
        {
            if (member is null)
            {
                missing.Add(description);
            }

            return member!;
        }

        Type FindType(Assembly assembly, string name) => Require(assembly.GetType(name), name);

        var saveContext = core.GetType(typeof(ModelSaveContext).FullName!) ?? typeof(ModelSaveContext);
        var versionInfo = FindType(core, "Microsoft.ML.VersionInfo");
        var loadContext = FindType(core, "Microsoft.ML.ModelLoadContext");
        var attribute = FindType(core, "Microsoft.ML.LoadableClassAttribute");
        var attributeBase = FindType(core, "Microsoft.ML.LoadableClassAttributeBase");
        var catalog = core.GetType(typeof(ComponentCatalog).FullName!) ?? typeof(ComponentCatalog);
        var classInfo = Require(catalog.GetNestedType("LoadableClassInfo", Any), "Microsoft.ML.Runtime.ComponentCatalog+LoadableClassInfo");
        var internalCatalog = FindType(data, "Microsoft.ML.Data.IInternalCatalog");
        signatureLoadModel = FindType(core, "Microsoft.ML.SignatureLoadModel");

        checkAtModel = Require(saveContext.GetMethod("CheckAtModel", Any, Type.EmptyTypes), "ModelSaveContext.CheckAtModel()");
        newVersionInfo = Require(versionInfo?.GetConstructor(Any, [typeof(string), typeof(uint), typeof(uint), typeof(uint), typeof(string), typeof(string), typeof(string)]), "VersionInfo(string, uint, uint, uint, string, string, string)");
        setVersionInfo = Require(versionInfo is null ? null : saveContext.GetMethod("SetVersionInfo", Any, [versionInfo]), "ModelSaveContext.SetVersionInfo(VersionInfo)");
        saveWriter = Require(Field(saveContext, "Writer", typeof(BinaryWriter)), "ModelSaveContext.Writer");
        saveString = Require(saveContext.GetMethod("SaveString", Any, [typeof(string)]), "ModelSaveContext.SaveString(string)");
        var repository = saveContext.GetField("Repository", Any);
        saveRepository = Require(repository, "ModelSaveContext.Repository");
        repositoryExceptionContext = Require(repository?.FieldType.GetProperty("ExceptionContext", Any), "Repository.ExceptionContext");
        loadReader = Require(loadContext is null ? null : Field(loadContext, "Reader", typeof(BinaryReader)), "ModelLoadContext.Reader");
        newLoadableClassAttribute = Require(attribute?.GetConstructor(Any, [typeof(Type), typeof(Type), typeof(Type), typeof(Type), typeof(string), typeof(string[])]), "LoadableClassAttribute(Type, Type, Type, Type, string, string[])");
        newLoadableClassInfo = Require(attributeBase is null ? null : classInfo?.GetConstructor(Any, [attributeBase, typeof(MethodInfo), typeof(ConstructorInfo), typeof(MethodInfo), typeof(bool)]), "LoadableClassInfo(LoadableClassAttributeBase, MethodInfo, ConstructorInfo, MethodInfo, bool)");
        loadableClassCreateMethod = Require(classInfo?.GetProperty("CreateMethod", Any), "LoadableClassInfo.CreateMethod");
        getLoadableClassInfo = Require(catalog.GetMethod("GetLoadableClassInfo", Any, [typeof(string), typeof(Type)]), "ComponentCatalog.GetLoadableClassInfo(string, Type)");
        addClass = Require(classInfo is null ? null : catalog.GetMethod("AddClass", Any, [classInfo, typeof(string[]), typeof(bool)]), "ComponentCatalog.AddClass(LoadableClassInfo, string[], bool)");
        catalogLock = Require(catalog.GetField("_lock", Any), "ComponentCatalog._lock");
        catalogEnvironment = Require(internalCatalog?.GetProperty("Environment", Any), "IInternalCatalog.Environment");

        if (missing.Count > 0)
        {
            string version = core.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? core.GetName().Version?.ToString() ?? "unknown";
            throw new NotSupportedException(
                $"Microsoft.ML.Recurrent {typeof(MlNetInternals).Assembly.GetName().Version} saves and loads its transformers in ML.NET model files " +
                $"through ML.NET's internal model-file API, which differs in the Microsoft.ML loaded here ({core.GetName().Name} {version}): " +
                $"{string.Join(", ", missing)} not found. This version of Microsoft.ML.Recurrent supports Microsoft.ML 6.0.");
        }
    }

    /// <summary>The members of the ML.NET loaded in this process.</summary>
    public static MlNetInternals Current => Shared.Value;

    /// <summary>Checks that <paramref name="ctx"/> is at the start of its model section, as every ML.NET saver does first.</summary>
    public void CheckAtModel(ModelSaveContext ctx) => Invoke(checkAtModel, ctx);

    /// <summary>Sets the version header of the entry being written (ML.NET's <c>VersionInfo</c>).</summary>
    public void SetVersionInfo(ModelSaveContext ctx, string modelSignature, uint versionWritten, uint versionReadable, uint versionWeCanReadBack,
        string loaderAssemblyName, string loaderSignature, string? loaderSignatureAlt) =>
        Invoke(setVersionInfo, ctx, Construct(newVersionInfo, modelSignature, versionWritten, versionReadable, versionWeCanReadBack, loaderAssemblyName, loaderSignature, loaderSignatureAlt));

    /// <summary>Adds <paramref name="value"/> to the entry's string table and writes its id, as ML.NET's <c>SaveString</c> does.</summary>
    public void SaveString(ModelSaveContext ctx, string value) => Invoke(saveString, ctx, value);

    /// <summary>The writer of the entry's model section.</summary>
    public BinaryWriter Writer(ModelSaveContext ctx) => (BinaryWriter)saveWriter.GetValue(ctx)!;

    /// <summary>The reader of a <c>ModelLoadContext</c>'s model section.</summary>
    public BinaryReader Reader(object loadContext) => (BinaryReader)loadReader.GetValue(loadContext)!;

    /// <summary>The ML.NET environment a model is being saved in (the MLContext behind <c>Model.Save</c>), or null when there is none.</summary>
    public IHostEnvironment? Environment(ModelSaveContext ctx) =>
        saveRepository.GetValue(ctx) is { } repository ? repositoryExceptionContext.GetValue(repository) as IHostEnvironment : null;

    /// <summary>The ML.NET environment behind a catalog such as <c>mlContext.Model</c>.</summary>
    public IHostEnvironment Environment(ModelOperationsCatalog catalog) => (IHostEnvironment)catalogEnvironment.GetValue(catalog)!;

    /// <summary>
    /// Adds to <paramref name="catalog"/> a model loader named <paramref name="loaderSignature"/>: ML.NET's
    /// <c>Model.Load</c> then calls <paramref name="load"/>(IHostEnvironment, ModelLoadContext) for every entry written
    /// with that loader signature. Safe to call repeatedly and from several threads.
    /// </summary>
    /// <exception cref="InvalidOperationException">The catalog already maps the name to another loader.</exception>
    public void Register(ComponentCatalog catalog, string loaderSignature, MethodInfo load)
    {
        if (registered.TryGetValue(catalog, out _))
        {
            return;
        }

        lock (catalogLock.GetValue(catalog)!)
        {
            var existing = Invoke(getLoadableClassInfo, catalog, loaderSignature, signatureLoadModel);
            if (existing is null)
            {
                var attribute = Construct(newLoadableClassAttribute, typeof(ITransformer), load.DeclaringType, null, signatureLoadModel, loaderSignature, new[] { loaderSignature });
                var info = Construct(newLoadableClassInfo, attribute, null, null, load, true);
                Invoke(addClass, catalog, info, new[] { loaderSignature }, true);
            }
            else if (!Equals(loadableClassCreateMethod.GetValue(existing), load))
            {
                throw new InvalidOperationException($"ML.NET's component catalog already has a model loader named '{loaderSignature}' that is not Microsoft.ML.Recurrent's.");
            }

            registered.AddOrUpdate(catalog, catalog);
        }
    }

    private static FieldInfo? Field(Type type, string name, Type fieldType) =>
        type.GetField(name, Any) is { } field && field.FieldType == fieldType ? field : null;

    private static object? Invoke(MethodInfo method, object target, params object?[] arguments) =>
        method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);

    private static object Construct(ConstructorInfo constructor, params object?[] arguments) =>
        constructor.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
}
