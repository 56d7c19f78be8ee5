// Regenerates the string-diagram drawings in docs/img (the smoking model of string-diagrams.md §2.4, before and after
// cut_S). Run from the repository root:
//
//     dotnet build src/CausalScript.FSharp -c Release && dotnet fsi scripts/render-diagrams.fsx [output folder]
//
// The output folder defaults to docs/img. The drawings are deterministic, so a rerun without library changes leaves
// the files byte for byte the same (the example tests check that the committed files are current).
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.dll"
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.FSharp.dll"

open System.IO
open CausalScript.Diagrams
open CausalScript.FSharp

let folder =
    match fsi.CommandLineArgs with
    | [| _; dir |] -> dir
    | _ -> Path.Combine(__SOURCE_DIRECTORY__, "..", "docs", "img")

let H = Var.cat "H" [ "g0"; "g1" ]
let S = Var.cat "S" [ "no"; "yes" ]
let T = Var.cat "T" [ "low"; "high" ]
let C = Var.cat "C" [ "no"; "yes" ]

let smoking =
    causal "smoking" {
        latent H (prior [ 0.5; 0.5 ])
        node S [ H ] (cpt [ "g0" => [ 0.8; 0.2 ]; "g1" => [ 0.2; 0.8 ] ])
        node T [ S ] (cpt [ "no" => [ 0.9; 0.1 ]; "yes" => [ 0.1; 0.9 ] ])
        node C [ T; H ] (cpt [ ("low", "g0") => [ 0.9; 0.1 ]; ("low", "g1") => [ 0.6; 0.4 ]
                               ("high", "g0") => [ 0.5; 0.5 ]; ("high", "g1") => [ 0.2; 0.8 ] ])
    }

let omega = Diagram.ofModel smoking
let drawings =
    [ "smoking-diagram.svg", omega, "ω: the smoking model, H latent (I → S ⊗ T ⊗ C)"
      "smoking-diagram-cut.svg", omega |> Diagram.cut [ S ], "cut_S(ω): the box of S replaced by the uniform state" ]
for file, diagram, title in drawings do
    let path = Path.GetFullPath(Path.Combine(folder, file))
    DiagramSvg.Save(diagram, path, DiagramSvgOptions(Title = title))
    printfn "wrote %s" path
