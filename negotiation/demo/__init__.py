"""The demo negotiation: the 2023-2024 cycle of the Committee on Hemispheric Security."""
