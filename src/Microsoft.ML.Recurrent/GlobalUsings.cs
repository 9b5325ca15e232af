global using Microsoft.ML.Data;
