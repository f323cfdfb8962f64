dirname //a//b//; dirname ///
