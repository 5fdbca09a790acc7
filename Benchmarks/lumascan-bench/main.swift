import Decoding
import ImageFiles
import MallocCounter

// Placeholder until the benchmark lands.
print("lumascan-bench")
