namespace CausalScript.FSharp
/// placeholder
module Placeholder =
    /// placeholder
    let x = 1
