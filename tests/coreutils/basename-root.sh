basename /; basename //
