"""The allocation service's tables: the kernel's, then its own read models as they arrive."""

from shared.persistence.tables import kernel_tables, new_metadata

metadata = new_metadata()
kernel = kernel_tables(metadata)
